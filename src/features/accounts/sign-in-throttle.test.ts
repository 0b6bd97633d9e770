import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../../test/clock.ts";
import { dialects, signedInUser, startTestApp, type TestApp } from "../../../test/harness.ts";
import { buildApp } from "../../server/app.ts";
import { signInAccountKey } from "./sign-in-throttle.ts";

let addresses = 0;
/** Every attempt comes from another address, as in the probe: the limit per address never answers. */
function nextAddress(): string {
  addresses++;
  return `198.18.${(addresses >> 8) & 255}.${addresses & 255}`;
}

const START = new Date("2026-12-01T12:00:00.000Z");

for (const dialect of dialects()) {
  describe(`the delay per account on sign-in on ${dialect}`, () => {
    let t: TestApp;
    // The app's clock, which the delay runs on; each test sets it to START before it moves it.
    const clock = manualClock(START);
    beforeAll(async () => {
      t = await startTestApp(dialect, {}, undefined, clock);
    });
    afterAll(() => t.close());

    function wait(seconds: number) {
      clock.advance(seconds * 1000);
    }
    function signIn(email: string, password: string, app = t.app) {
      return app.inject({
        method: "POST",
        url: "/api/auth/sign-in/email",
        remoteAddress: nextAddress(),
        payload: { email, password },
      });
    }
    async function failFiveTimes(email: string) {
      for (let i = 0; i < 5; i++) {
        const res = await signIn(email, `wrong guess ${i}`);
        expect(res.statusCode).toBe(401);
        expect(res.json().code).toBe("auth.invalid_email_or_password");
      }
    }

    it("makes every attempt after five failures wait a doubling delay, without checking the password", async () => {
      clock.set(START);
      const user = await signedInUser(t);
      await failFiveTimes(user.email);

      const locked = await signIn(user.email, user.password);
      expect(locked.statusCode).toBe(429);
      expect(locked.headers["content-type"]).toContain("application/problem+json");
      expect(locked.json().code).toBe("auth.account_locked_briefly");
      expect(locked.headers["retry-after"]).toBe("2");
      expect(locked.headers["set-cookie"]).toBeUndefined();

      wait(2);
      expect((await signIn(user.email, "wrong guess 6")).statusCode).toBe(401);
      const longer = await signIn(user.email, user.password);
      expect(longer.statusCode).toBe(429);
      expect(longer.headers["retry-after"]).toBe("4");

      wait(4);
      expect((await signIn(user.email, "wrong guess 7")).statusCode).toBe(401);
      expect((await signIn(user.email, user.password)).headers["retry-after"]).toBe("8");
    });

    it("starts afresh after a successful sign-in", async () => {
      clock.set(START);
      const user = await signedInUser(t);
      await failFiveTimes(user.email);
      wait(2);
      expect((await signIn(user.email, user.password)).statusCode).toBe(200);
      const row = await t.database.db
        .selectFrom("sign_in_failure")
        .selectAll()
        .where("account_key", "=", signInAccountKey(t.config.authSecret, user.email))
        .executeTakeFirst();
      expect(row).toBeUndefined();
      await failFiveTimes(user.email);
    });

    it("delays guesses at an address without an account in the same way, and stores no address", async () => {
      clock.set(START);
      const email = `nobody-${dialect}@example.com`;
      await failFiveTimes(email);
      const locked = await signIn(email, "wrong guess 5");
      expect(locked.statusCode).toBe(429);
      expect(locked.json().code).toBe("auth.account_locked_briefly");
      expect(locked.headers["retry-after"]).toBe("2");
      const keys = await t.database.db.selectFrom("sign_in_failure").select("account_key").execute();
      expect(keys.some((k) => k.account_key.includes("@") || k.account_key.includes("nobody"))).toBe(false);
    });

    it("caps the delay at fifteen minutes and forgets failures after an hour without attempts", async () => {
      clock.set(START);
      const email = `patient-${dialect}@example.com`;
      await failFiveTimes(email);
      const waits: number[] = [];
      for (let i = 0; i < 12; i++) {
        const locked = await signIn(email, "wrong guess");
        expect(locked.statusCode).toBe(429);
        const retryAfter = Number(locked.headers["retry-after"]);
        waits.push(retryAfter);
        wait(retryAfter);
        expect((await signIn(email, "wrong guess")).statusCode).toBe(401);
      }
      expect(waits).toEqual([2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900]);

      wait(61 * 60);
      for (let i = 0; i < 5; i++) expect((await signIn(email, "wrong guess")).statusCode).toBe(401);
      expect((await signIn(email, "wrong guess")).headers["retry-after"]).toBe("2");
    });

    it("holds across app instances that share the database", async () => {
      const other = await buildApp({
        config: t.config,
        database: t.database,
        outboxTimer: false,
        logger: false,
        clock,
      });
      try {
        clock.set(START);
        const user = await signedInUser(t);
        await failFiveTimes(user.email);
        const res = await signIn(user.email, user.password, other);
        expect(res.statusCode).toBe(429);
        expect(res.json().code).toBe("auth.account_locked_briefly");
      } finally {
        await other.close();
      }
    });

    it("lets no burst of attempts at the same moment slip past the count", async () => {
      const email = `burst-${dialect}@example.com`;
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) => signIn(email, `parallel guess ${i}`)),
      );
      const checked = responses.filter((r) => r.statusCode === 401).length;
      expect(checked).toBeGreaterThan(0);
      expect(checked).toBeLessThanOrEqual(5);
      expect(responses.filter((r) => r.statusCode === 429).length).toBe(20 - checked);
    });

    it("ends the delay when the password is reset through the mailed link", async () => {
      clock.set(START);
      const user = await signedInUser(t);
      await failFiveTimes(user.email);
      expect((await signIn(user.email, user.password)).statusCode).toBe(429);

      await t.app.inject({
        method: "POST",
        url: "/api/auth/request-password-reset",
        remoteAddress: nextAddress(),
        payload: { email: user.email, redirectTo: "/reset-password" },
      });
      await t.app.outbox.drain();
      const mails = (await t.app.inject({ method: "GET", url: "/api/v1/dev/mail" })).json().mails as {
        to: string;
        text: string;
      }[];
      const link = new URL(
        mails.find((m) => m.to === user.email)?.text.match(/https?:\/\/\S+/)?.[0] as string,
      );
      const follow = await t.app.inject({ method: "GET", url: link.pathname + link.search });
      const token = new URL(follow.headers.location as string, "http://localhost").searchParams.get("token");
      const reset = await t.app.inject({
        method: "POST",
        url: "/api/auth/reset-password",
        payload: { token, newPassword: "a fresh start after all" },
      });
      expect(reset.statusCode).toBe(200);
      expect((await signIn(user.email, "a fresh start after all")).statusCode).toBe(200);
    });
  });
}
