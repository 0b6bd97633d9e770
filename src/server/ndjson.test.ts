import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects, startTestApp, type TestApp } from "../../test/harness.ts";
import { demoCatalogue } from "../cli/demo-data.ts";
import { importCatalogue } from "../features/catalogue/service.ts";
import { ndjsonLines } from "./ndjson.ts";
import { Problem } from "./problem.ts";

async function collect(chunks: (string | Buffer)[], limits = { maxLineBytes: 16, maxBytes: 1000 }) {
  const lines: string[] = [];
  for await (const line of ndjsonLines(Readable.from(chunks.map((c) => Buffer.from(c))), limits)) {
    lines.push(line);
  }
  return lines;
}

async function problemOf(work: Promise<unknown>): Promise<Problem> {
  try {
    await work;
  } catch (error) {
    if (error instanceof Problem) return error;
    throw error;
  }
  throw new Error("expected a problem");
}

describe("reading a streamed NDJSON body", () => {
  it("yields each line as it arrives, with CRLF and a last line without a newline", async () => {
    expect(await collect(['{"a":1}\r\n{"b"', ':2}\n\n{"c":3}'])).toEqual([
      '{"a":1}',
      '{"b":2}',
      "",
      '{"c":3}',
    ]);
  });

  it("keeps a character split across two chunks whole", async () => {
    const bytes = Buffer.from('"ø"\n');
    expect(await collect([bytes.subarray(0, 2), bytes.subarray(2)])).toEqual(['"ø"']);
  });

  it("refuses a line past its limit, even one that never ends", async () => {
    const problem = await problemOf(collect(["short\n", "x".repeat(10), "x".repeat(10)]));
    expect(problem.status).toBe(413);
    expect(problem.code).toBe("request.line_too_long");
    expect(problem.extra.line).toBe(2);
  });

  it("refuses a body past its limit however its lines are shaped", async () => {
    const problem = await problemOf(collect(Array.from({ length: 200 }, () => "1234567\n")));
    expect(problem.code).toBe("request.too_large");
  });

  it("answers a body that is no stream with 415", async () => {
    const problem = await problemOf(collect2({ not: "a stream" }));
    expect(problem.status).toBe(415);
  });
});

async function collect2(body: unknown) {
  for await (const _ of ndjsonLines(body as Readable)) {
    // nothing
  }
}

/** Sends `size` bytes of one never-ending line to a streamed endpoint on a real socket. */
function sendHugeLine(port: number, path: string, key: string, size: number) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path,
        method: "POST",
        headers: { "content-type": "application/x-ndjson", "x-service-key": key },
      },
      (res) => {
        let body = "";
        res.on("data", (chunk) => {
          body += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    // The server may answer and close before the whole body is sent: that is the point.
    req.on("error", (error) =>
      error.message.includes("EPIPE") || error.message.includes("ECONNRESET") ? null : reject(error),
    );
    const chunk = Buffer.alloc(1024 * 1024, "a");
    let sent = 0;
    const pump = () => {
      while (sent < size) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
}

const KEY = "factory-secret-0123456789";

for (const dialect of dialects()) {
  describe(`a huge NDJSON line on ${dialect}`, () => {
    let t: TestApp;
    let port: number;
    beforeAll(async () => {
      t = await startTestApp(dialect, { SERVICE_API_KEYS: `factory:${KEY}` });
      await importCatalogue(t.database, demoCatalogue);
      await t.app.listen({ host: "127.0.0.1", port: 0 });
      port = (t.app.server.address() as AddressInfo).port;
    });
    afterAll(() => t.close());

    for (const path of ["/api/v1/service/units", "/api/v1/service/confirmations/bulk"]) {
      it(`answers a 50 MB line to ${path} with 413 and a code, and keeps serving`, async () => {
        const res = await sendHugeLine(port, path, KEY, 50 * 1024 * 1024);
        expect(res.status).toBe(413);
        expect(JSON.parse(res.body).code).toBe("request.line_too_long");
        const health = await fetch(`http://127.0.0.1:${port}/healthz`);
        expect(health.status).toBe(200);
      });
    }

    it("refuses a declared body larger than the limit before reading it", async () => {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/service/units",
        headers: {
          "content-type": "application/x-ndjson",
          "x-service-key": KEY,
          "content-length": String(2 ** 40),
        },
        payload: "",
      });
      expect(res.statusCode).toBe(413);
      expect(res.json().code).toBe("request.too_large");
    });

    it("still imports the lines before a broken one, which the answer names", async () => {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/service/units",
        headers: { "content-type": "application/x-ndjson", "x-service-key": KEY },
        payload: `{"serial":"RK3T3AC0777","model":"NX-P24-128"}\n${"x".repeat(70_000)}\n`,
      });
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({ code: "request.line_too_long", line: 2 });
    });
  });
}
