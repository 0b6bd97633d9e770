import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../test/clock.ts";
import { dialects, signedInUser, startTestApp, type TestApp } from "../../test/harness.ts";
import { addressKey } from "./access.ts";

const ID = "00000000-0000-4000-8000-000000000000";

/** Every route that can tell whether a unit exists, or claim one: each is limited. */
const REVEALING = [
  "POST /api/v1/identifiers/check",
  "POST /api/v1/registrations",
  "POST /api/v1/discovered",
  "POST /api/v1/discovered/:id/register",
  "POST /api/v1/transfer-requests",
  "POST /api/v1/labels/decode",
  "POST /api/v1/labels/interpret",
  "POST /api/v1/labels/register",
  "POST /api/v1/tv/register",
  "GET /api/v1/device/:userCode",
  "POST /api/v1/device/:userCode/decision",
  "POST /oauth/device_authorization",
  // A repair's tracking token: guessing it is walking a space, as a serial is.
  "GET /api/v1/track/:token",
  // Customer service's search: each answer names a unit's owner.
  "GET /api/v1/staff/products",
  "GET /api/v1/staff/search",
];

function request(route: string) {
  const [method, pattern] = route.split(" ") as [string, string];
  const url =
    pattern.replace(":id", ID).replace(":userCode", "ABCD-EFGH").replace(":token", "no-such-token") +
    (pattern === "/api/v1/staff/products" ? "?identifier=RK3T3AC0050" : "") +
    (pattern === "/api/v1/staff/search" ? "?q=RK3T3AC0050" : "");
  if (pattern.startsWith("/oauth/")) {
    return {
      method,
      url,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "client_id=tv&model=NX-H24-55",
    };
  }
  return { method, url, ...(method === "GET" ? {} : { payload: { identifier: "RK3T3AC0050" } }) };
}

for (const dialect of dialects()) {
  describe(`look-up limits on ${dialect}`, () => {
    let perAccount: TestApp;
    let perAddress: TestApp;
    beforeAll(async () => {
      perAccount = await startTestApp(dialect, {
        LOOKUPS_PER_MINUTE_ACCOUNT: "3",
        LOOKUPS_PER_MINUTE_IP: "1000",
      });
      perAddress = await startTestApp(dialect, {
        LOOKUPS_PER_MINUTE_ACCOUNT: "1000",
        LOOKUPS_PER_MINUTE_IP: "3",
      });
    });
    afterAll(async () => {
      await perAccount.close();
      await perAddress.close();
    });

    it("is declared on exactly the routes that reveal or claim a unit", () => {
      const declared = perAccount.app.routeTable
        .filter((r) => r.limit === "lookup")
        .flatMap((r) => r.methods.filter((m) => m !== "HEAD").map((m) => `${m} ${r.url}`));
      expect(declared.sort()).toEqual([...REVEALING].sort());
    });

    for (const route of REVEALING.filter((r) => !r.includes("/oauth/"))) {
      it(`counts ${route} per account, whatever the answer`, async () => {
        const owner = await signedInUser(perAccount);
        const statuses: number[] = [];
        for (let i = 0; i < 4; i++) {
          const res = await perAccount.app.inject({
            ...(request(route) as { method: "POST"; url: string }),
            headers: { ...owner.headers, ...(request(route) as { headers?: object }).headers },
            remoteAddress: `198.51.100.${i + 1}`,
          });
          statuses.push(res.statusCode);
          if (res.statusCode === 429) expect(res.json().code).toBe("request.rate_limited");
        }
        expect(statuses.slice(0, 3)).not.toContain(429);
        expect(statuses[3]).toBe(429);
      });
    }

    for (const route of REVEALING) {
      it(`counts ${route} per client address, across accounts`, async () => {
        const address = `203.0.113.${REVEALING.indexOf(route) + 1}`;
        const statuses: number[] = [];
        for (let i = 0; i < 4; i++) {
          const owner = await signedInUser(perAddress);
          const res = await perAddress.app.inject({
            ...(request(route) as { method: "POST"; url: string }),
            headers: { ...owner.headers, ...(request(route) as { headers?: object }).headers },
            remoteAddress: address,
          });
          statuses.push(res.statusCode);
        }
        expect(statuses.slice(0, 3)).not.toContain(429);
        expect(statuses[3]).toBe(429);
      });
    }

    it("counts one IPv6 /64 as one address, so a host cannot take a fresh address per request", async () => {
      const statuses: number[] = [];
      for (let i = 1; i <= 4; i++) {
        const owner = await signedInUser(perAddress);
        const res = await perAddress.app.inject({
          method: "POST",
          url: "/api/v1/identifiers/check",
          headers: owner.headers,
          remoteAddress: `2001:db8:77:1::${i.toString(16)}`,
          payload: { identifier: "RK3T3AC0050" },
        });
        statuses.push(res.statusCode);
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
    });

    it("counts afresh once the minute has passed on the app's clock", async () => {
      const clock = manualClock("2026-12-01T10:00:00Z");
      const timed = await startTestApp(
        dialect,
        { LOOKUPS_PER_MINUTE_ACCOUNT: "1", LOOKUPS_PER_MINUTE_IP: "1000" },
        undefined,
        clock,
      );
      try {
        const owner = await signedInUser(timed);
        const check = () =>
          timed.app.inject({
            method: "POST",
            url: "/api/v1/identifiers/check",
            headers: owner.headers,
            payload: { identifier: "RK3T3AC0050" },
          });
        expect((await check()).statusCode).toBe(200);
        clock.advance(59_000);
        const limited = await check();
        expect(limited.statusCode).toBe(429);
        expect(limited.json().code).toBe("request.rate_limited");
        expect(limited.headers["retry-after"]).toBe("1");
        clock.advance(1_000);
        expect((await check()).statusCode).toBe(200);
      } finally {
        await timed.close();
      }
    });

    it("counts the client a trusted proxy names, and ignores the header from anyone else", async () => {
      const proxied = await startTestApp(dialect, {
        LOOKUPS_PER_MINUTE_ACCOUNT: "1000",
        LOOKUPS_PER_MINUTE_IP: "2",
        TRUST_PROXY: "127.0.0.1",
      });
      try {
        const owner = await signedInUser(proxied);
        const check = (remoteAddress: string, forwardedFor: string) =>
          proxied.app.inject({
            method: "POST",
            url: "/api/v1/identifiers/check",
            headers: { ...owner.headers, "x-forwarded-for": forwardedFor },
            remoteAddress,
            payload: { identifier: "RK3T3AC0050" },
          });
        const answers: [number, string | undefined][] = [];
        const ask = async (remoteAddress: string, forwardedFor: string) => {
          const res = await check(remoteAddress, forwardedFor);
          answers.push([res.statusCode, res.statusCode === 200 ? undefined : res.json().code]);
        };
        // Through the proxy, two clients have a limit each.
        for (const client of ["198.51.100.1", "198.51.100.2"]) {
          await ask("127.0.0.1", client);
          await ask("127.0.0.1", client);
        }
        await ask("127.0.0.1", "198.51.100.1");
        // Someone else cannot pick a fresh address with the header.
        await ask("192.0.2.9", "198.51.100.3");
        await ask("192.0.2.9", "198.51.100.4");
        await ask("192.0.2.9", "198.51.100.5");
        const checked = [200, undefined] as const;
        const limited = [429, "request.rate_limited"] as const;
        expect(answers).toEqual([checked, checked, checked, checked, limited, checked, checked, limited]);
      } finally {
        await proxied.close();
      }
    });
  });
}

describe("the address a limit counts", () => {
  it("is an IPv4 address as it is, also when IPv6-mapped", () => {
    expect(addressKey("192.0.2.7")).toBe("192.0.2.7");
    expect(addressKey("::ffff:192.0.2.7")).toBe("192.0.2.7");
  });

  it("is the /64 network of an IPv6 address, however it is written", () => {
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:0db8:0001:0002:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
  });
});
