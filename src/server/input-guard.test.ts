import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedCatalogue } from "../../test/fixtures.ts";
import { ACCEPTED_TERMS, dialects, signedInUser, startTestApp, type TestApp } from "../../test/harness.ts";
import { holdsNul } from "./input-guard.ts";

describe("finding NUL characters in a parsed body", () => {
  it("looks into strings, keys, arrays and nested objects", () => {
    expect(holdsNul({ a: ["ok", { b: "x\u0000" }] })).toBe(true);
    expect(holdsNul({ "k\u0000": 1 })).toBe(true);
    expect(holdsNul({ a: ["ok", { b: "x" }], n: 1, f: null })).toBe(false);
  });

  it("walks a deeply nested body without running out of stack", () => {
    let deep: unknown = "\u0000";
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(holdsNul(deep)).toBe(true);
  });
});

const KEY = "factory-secret-0123456789";

for (const dialect of dialects()) {
  describe(`NUL characters on ${dialect}`, () => {
    let t: TestApp;
    const logs: string[] = [];
    beforeAll(async () => {
      const stream = new Writable({
        write(chunk, _encoding, done) {
          logs.push(String(chunk));
          done();
        },
      });
      t = await startTestApp(dialect, { SERVICE_API_KEYS: `factory:${KEY}`, LOG_LEVEL: "info" }, stream);
      await seedCatalogue(t.database);
    });
    afterAll(() => t.close());

    const expectRefused = (res: { statusCode: number; json(): { code: string } }) => {
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe("request.nul_character");
    };

    it("refuses one in a path parameter of an anonymous route", async () => {
      expectRefused(await t.app.inject({ method: "GET", url: "/api/v1/models/NX%00" }));
    });

    it("refuses one in the query string", async () => {
      expectRefused(await t.app.inject({ method: "GET", url: "/api/v1/categories?lang=n%00b" }));
    });

    it("refuses one in a form-encoded OAuth request", async () => {
      expectRefused(
        await t.app.inject({
          method: "POST",
          url: "/oauth/device_authorization",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          payload: "client_id=tv%00&serial=TVH55HAT3C00071",
        }),
      );
    });

    it("refuses one in a JSON body, for a signed-in owner and for a service", async () => {
      const owner = await signedInUser(t);
      expectRefused(
        await t.app.inject({
          method: "POST",
          url: "/api/v1/registrations",
          headers: owner.headers,
          payload: { identifier: "RK3T3AC0050", nickname: "my\u0000phone" },
        }),
      );
      expectRefused(
        await t.app.inject({
          method: "POST",
          url: "/api/v1/service/confirmations",
          headers: { "x-service-key": KEY },
          payload: {
            source: "shop-order",
            orderId: "A\u00001",
            identifier: "RK3T3AC0050",
            deliveredOn: "2025-01-02",
          },
        }),
      );
      expectRefused(
        await t.app.inject({
          method: "POST",
          url: "/api/auth/sign-up/email",
          payload: {
            ...ACCEPTED_TERMS,
            email: "nul@example.com",
            password: "a fine long password",
            name: "N\u0000",
          },
        }),
      );
    });

    it("rejects the line, not the request, in an NDJSON feed, and stores nothing of it", async () => {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/service/confirmations/bulk",
        headers: { "content-type": "application/x-ndjson", "x-service-key": KEY },
        payload: `${JSON.stringify({ source: "shop-order", orderId: "B\u00002", identifier: "RK3T3AC0051", deliveredOn: "2025-01-02" })}\n`,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ stored: 0, rejected: 1 });
      const units = await t.app.inject({
        method: "POST",
        url: "/api/v1/service/units",
        headers: { "content-type": "application/x-ndjson", "x-service-key": KEY },
        payload: `${JSON.stringify({ serial: "RK3T3AC0991", model: "NX-P24-128", market: "N\u0000" })}\n`,
      });
      expect(units.statusCode).toBe(200);
      expect(units.json()).toMatchObject({ written: 0, rejected: 1 });
    });

    it("logged no unexpected error for any of them", () => {
      expect(logs.join("")).not.toContain('"level":50');
    });
  });
}
