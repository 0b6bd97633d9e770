import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ManualClock, manualClock } from "../../../test/clock.ts";
import { freshOwner, freshUnit } from "../../../test/factories.ts";
import { seedCatalogue } from "../../../test/fixtures.ts";
import { dialects, startTestApp, type TestApp } from "../../../test/harness.ts";
import { USER_CODE_ALPHABET } from "../../domain/device-grant.ts";
import { WRONG_USER_CODES } from "./user-code-throttle.ts";

/** The i-th guess: a user code of the right shape; among 20^8 codes, it never meets a live one. */
const guess = (i: number) =>
  `ZZZZ-${[0, 1, 2, 3].map((k) => USER_CODE_ALPHABET[Math.floor(i / 20 ** k) % 20]).join("")}`;

for (const dialect of dialects()) {
  describe(`guessing user codes, on ${dialect}`, () => {
    let t: TestApp;
    let clock: ManualClock;
    beforeAll(async () => {
      clock = manualClock("2026-12-01T10:00:00Z");
      // Look-up limits far above the wrong-code limit, to measure the wrong-code limit alone.
      t = await startTestApp(
        dialect,
        { LOOKUPS_PER_MINUTE_ACCOUNT: "10000", LOOKUPS_PER_MINUTE_IP: "10000" },
        undefined,
        clock,
      );
      await seedCatalogue(t.database);
    });
    afterAll(() => t.close());

    const look = (cookie: string, code: string, remoteAddress: string) =>
      t.app.inject({ method: "GET", url: `/api/v1/device/${code}`, headers: { cookie }, remoteAddress });

    it("ends 250 wrong guesses from one account with 429 long before the 250th", async () => {
      const owner = await freshOwner(t);
      const statuses: number[] = [];
      for (let i = 0; i < 250; i++)
        statuses.push((await look(owner.cookie, guess(i), "10.60.0.1")).statusCode);
      const firstRefusal = statuses.indexOf(429);
      expect(firstRefusal).toBe(WRONG_USER_CODES.perAccount);
      expect(statuses.slice(0, firstRefusal).every((s) => s === 404)).toBe(true);
      expect(statuses.slice(firstRefusal).every((s) => s === 429)).toBe(true);
      const refused = await look(owner.cookie, guess(0), "10.60.0.1");
      expect(refused.json().code).toBe("request.rate_limited");
      expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    });

    it("refuses a throttled account even the right code, and lets it try again after the window", async () => {
      const owner = await freshOwner(t);
      const tv = await freshUnit(t, "tv");
      const started = await t.app.inject({
        method: "POST",
        url: "/oauth/device_authorization",
        remoteAddress: "10.60.1.1",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams({ client_id: "tv", serial: tv.serial, model: tv.model }).toString(),
      });
      const code = started.json().user_code as string;
      for (let i = 0; i < WRONG_USER_CODES.perAccount; i++) await look(owner.cookie, guess(i), "10.60.1.2");
      expect((await look(owner.cookie, code, "10.60.1.2")).statusCode).toBe(429);
      const decision = await t.app.inject({
        method: "POST",
        url: `/api/v1/device/${code}/decision`,
        headers: owner.headers,
        remoteAddress: "10.60.1.2",
        payload: { approve: true },
      });
      expect(decision.statusCode).toBe(429);
      // The window outlasts the code (ten minutes): the owner reads the TV's next code.
      clock.advance(WRONG_USER_CODES.windowMs);
      expect((await look(owner.cookie, code, "10.60.1.2")).json().code).toBe("device.code_invalid");
      const next = await t.app.inject({
        method: "POST",
        url: "/oauth/device_authorization",
        remoteAddress: "10.60.1.1",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams({ client_id: "tv", serial: tv.serial, model: tv.model }).toString(),
      });
      expect((await look(owner.cookie, next.json().user_code, "10.60.1.2")).statusCode).toBe(200);
    });

    it("counts wrong guesses per client address too, across accounts", async () => {
      const owners = [await freshOwner(t), await freshOwner(t), await freshOwner(t)];
      const statuses: number[] = [];
      for (const [n, owner] of owners.entries()) {
        for (let i = 0; i < WRONG_USER_CODES.perAccount; i++) {
          statuses.push((await look(owner.cookie, guess(n * 100 + i), "10.60.2.1")).statusCode);
        }
      }
      expect(statuses.indexOf(429)).toBe(WRONG_USER_CODES.perAddress);
      const elsewhere = owners[2] as (typeof owners)[number];
      expect((await look(elsewhere.cookie, guess(1), "10.60.2.2")).statusCode).toBe(404);
    });

    it("counts wrong codes at the decision too", async () => {
      const owner = await freshOwner(t);
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) {
        const res = await t.app.inject({
          method: "POST",
          url: `/api/v1/device/${guess(i)}/decision`,
          headers: owner.headers,
          remoteAddress: "10.60.3.1",
          payload: { approve: true },
        });
        statuses.push(res.statusCode);
      }
      expect(statuses.indexOf(429)).toBe(WRONG_USER_CODES.perAccount);
    });
  });
}
