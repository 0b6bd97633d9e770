import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects, signedInUser, startTestApp, type TestApp } from "../../test/harness.ts";

/**
 * Sends request headers and the first bytes of a body it never finishes, and says what came back
 * and how long the server kept the socket open.
 */
function trickle(
  port: number,
  head: string,
  giveUpMs: number,
): Promise<{ answer: string; closedAfterMs: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect({ host: "127.0.0.1", port });
    let answer = "";
    const timer = setInterval(() => socket.writable && socket.write("a"), 100);
    const giveUp = setTimeout(() => socket.destroy(), giveUpMs);
    socket.on("data", (chunk) => {
      answer += chunk;
    });
    socket.on("close", () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve({ answer, closedAfterMs: Date.now() - started });
    });
    socket.on("error", (error) => ((error as NodeJS.ErrnoException).code === "EPIPE" ? null : reject(error)));
    socket.write(head);
  });
}

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

    it("closes the socket of a request refused before its body came, however slowly it is sent", async () => {
      const { answer, closedAfterMs } = await trickle(
        port,
        "POST /api/v1/service/units HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-ndjson\r\nContent-Length: 100000\r\n\r\n",
        10_000,
      );
      expect(problemOf(answer).status).toBe(401);
      expect(closedAfterMs).toBeLessThan(5_000);
    });

    it("cuts off a body that trickles in for longer than REQUEST_TIMEOUT_SECONDS", async () => {
      const slow = await startTestApp(dialect, { REQUEST_TIMEOUT_SECONDS: "1" });
      try {
        await slow.app.listen({ host: "127.0.0.1", port: 0 });
        const slowPort = (slow.app.server.address() as AddressInfo).port;
        const { closedAfterMs } = await trickle(
          slowPort,
          "POST /api/auth/sign-in/email HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n",
          20_000,
        );
        expect(closedAfterMs).toBeLessThan(10_000);
      } finally {
        await slow.close();
      }
    });

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
