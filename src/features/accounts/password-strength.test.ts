import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects, signedInUser, startTestApp, type TestApp } from "../../../test/harness.ts";
import { createAuth } from "./auth.ts";
import { createVerifiedUser, WeakPasswordError } from "./users.ts";

/** What the security probe got accepted at sign-up (the email itself is added per case). */
const PROBED = ["1234567890", "aaaaaaaaaa", "password12", " ".repeat(10)];
/** Passwords our demo data, tests, benchmarks and browser journeys sign up or sign in with. */
const IN_USE = [
  "demo-owner-2026",
  "correct horse battery",
  "a long password",
  "et langt passord",
  "long enough password",
  "a secret password 123",
  "bench password 1",
];

let counter = 0;

for (const dialect of dialects()) {
  describe(`guessable passwords on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect);
    });
    afterAll(() => t.close());

    function signUp(email: string, password: string, name = "Kari Nordmann") {
      counter++;
      return t.app.inject({
        method: "POST",
        url: "/api/auth/sign-up/email",
        remoteAddress: `198.19.${(counter >> 8) & 255}.${counter & 255}`,
        payload: { email, password, name, locale: "en" },
      });
    }

    async function resetToken(email: string): Promise<string> {
      await t.app.inject({
        method: "POST",
        url: "/api/auth/request-password-reset",
        payload: { email, redirectTo: "/reset-password" },
      });
      await t.app.outbox.drain();
      const mails = (await t.app.inject({ method: "GET", url: "/api/v1/dev/mail" })).json().mails as {
        to: string;
        text: string;
      }[];
      const link = new URL(mails.find((m) => m.to === email)?.text.match(/https?:\/\/\S+/)?.[0] as string);
      const follow = await t.app.inject({ method: "GET", url: link.pathname + link.search });
      return new URL(follow.headers.location as string, "http://localhost").searchParams.get(
        "token",
      ) as string;
    }

    it("refuses common, repeated and sequential passwords and the email itself at sign-up", async () => {
      const email = `kari.nordmann.${dialect}@example.com`;
      for (const password of [...PROBED, email, "kari.nordmann", "karinordmann1"]) {
        const res = await signUp(email, password);
        expect(res.statusCode, JSON.stringify(password)).toBe(400);
        expect(res.headers["content-type"]).toContain("application/problem+json");
        expect(res.json().code, JSON.stringify(password)).toBe("auth.password_weak");
        expect(res.json().detail).toMatch(/too easy to guess/);
      }
      const user = await t.database.db.selectFrom("user").select("id").where("email", "=", email).execute();
      expect(user).toEqual([]);
    });

    it("keeps accepting the passwords in use", async () => {
      for (const [i, password] of IN_USE.entries()) {
        const res = await signUp(`in-use-${i}-${dialect}@example.com`, password, "Nora Nordmann");
        expect(res.statusCode, password).toBe(200);
      }
    });

    it("refuses a guessable new password at reset, and the link still works for a good one", async () => {
      const user = await signedInUser(t);
      const token = await resetToken(user.email);
      for (const newPassword of ["password12", user.email]) {
        const weak = await t.app.inject({
          method: "POST",
          url: "/api/auth/reset-password",
          payload: { token, newPassword },
        });
        expect(weak.statusCode).toBe(400);
        expect(weak.json().code).toBe("auth.password_weak");
      }
      const strong = await t.app.inject({
        method: "POST",
        url: "/api/auth/reset-password",
        payload: { token, newPassword: "a brand new password" },
      });
      expect(strong.statusCode).toBe(200);
    });

    it("refuses a guessable new password at change, and the old one stays", async () => {
      const user = await signedInUser(t);
      const res = await t.app.inject({
        method: "POST",
        url: "/api/auth/change-password",
        headers: { cookie: user.cookie, origin: "http://localhost:3000" },
        payload: { currentPassword: user.password, newPassword: "1234567890" },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe("auth.password_weak");
      const signIn = await t.app.inject({
        method: "POST",
        url: "/api/auth/sign-in/email",
        remoteAddress: "198.19.255.1",
        payload: { email: user.email, password: user.password },
      });
      expect(signIn.statusCode).toBe(200);
    });

    it("refuses a guessable password for an operator-created user", async () => {
      const email = `operator-${dialect}@example.com`;
      await expect(
        createVerifiedUser(createAuth(t.config, t.database), t.database, {
          email,
          role: "admin",
          password: "aaaaaaaaaa",
        }),
      ).rejects.toThrow(WeakPasswordError);
      const rows = await t.database.db.selectFrom("user").select("id").where("email", "=", email).execute();
      expect(rows).toEqual([]);
    });
  });
}
