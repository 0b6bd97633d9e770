import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects, signedInUser, startTestApp, type TestApp } from "../../test/harness.ts";

/** Writes raw bytes to the server and reads what comes back until it closes. */
function raw(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port });
    let answer = "";
    socket.on("data", (chunk) => {
      answer += chunk;
    });
    socket.on("close", () => resolve(answer));
    socket.on("error", reject);
    socket.end(bytes);
  });
}

function problemOf(answer: string) {
  const [head = "", body = ""] = answer.split("\r\n\r\n");
  return {
    status: Number(head.split(" ")[1]),
    type: /content-type: ([^\r]+)/i.exec(head)?.[1],
    body: JSON.parse(body),
  };
}

for (const dialect of dialects()) {
  describe(`errors that come before any route, on ${dialect}`, () => {
    let t: TestApp;
    let port: number;
    beforeAll(async () => {
      t = await startTestApp(dialect);
      await t.app.listen({ host: "127.0.0.1", port: 0 });
      port = (t.app.server.address() as AddressInfo).port;
    });
    afterAll(() => t.close());

    it("answers a broken percent-escape with a problem document", async () => {
      const res = await t.app.inject({ method: "GET", url: "/api/v1/models/%zz" });
      expect(res.statusCode).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json().code).toBe("request.bad_url");
    });

    it("answers an overlong path parameter with 414 and a problem document", async () => {
      const res = await t.app.inject({ method: "GET", url: `/api/v1/models/${"M".repeat(5000)}` });
      expect(res.statusCode).toBe(414);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json().code).toBe("request.uri_too_long");
      expect(res.json().instance.length).toBeLessThanOrEqual(200);
    });

    it("answers headers past Node's limit with 431 and a problem document", async () => {
      const answer = await raw(
        port,
        `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
      );
      const problem = problemOf(answer);
      expect(problem.status).toBe(431);
      expect(problem.type).toContain("application/problem+json");
      expect(problem.body.code).toBe("request.headers_too_large");
    });

    it("answers a request that is not HTTP with 400 and a problem document", async () => {
      const problem = problemOf(await raw(port, "NOT HTTP AT ALL\r\n\r\n"));
      expect(problem.status).toBe(400);
      expect(problem.body.code).toBe("request.malformed");
    });

    it("tells caches to keep nothing a signed-in person or a service was answered", async () => {
      const owner = await signedInUser(t);
      for (const url of ["/api/v1/me", "/api/v1/registrations", "/api/v1/session", "/api/v1/categories"]) {
        const res = await t.app.inject({ method: "GET", url, headers: { cookie: owner.cookie } });
        expect(res.headers["cache-control"], url).toBe("no-store");
      }
      const bearer = await t.app.inject({
        method: "GET",
        url: "/api/v1/me",
        headers: { authorization: `Bearer ${owner.token}` },
      });
      expect(bearer.headers["cache-control"]).toBe("no-store");
      const auth = await t.app.inject({
        method: "GET",
        url: "/api/auth/get-session",
        headers: { cookie: owner.cookie },
      });
      expect(auth.headers["cache-control"]).toBe("no-store");
      const refused = await t.app.inject({ method: "GET", url: "/api/v1/me" });
      expect(refused.statusCode).toBe(401);
    });
  });
}
