import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCEPTED_TERMS, dialects, signedInUser, startTestApp, type TestApp } from "../../../test/harness.ts";
import { createAuth } from "./auth.ts";
import { isGuessable } from "./password-strength.ts";
import { createVerifiedUser, WeakPasswordError } from "./service.ts";

/** What the security probe got accepted at sign-up (the email itself is added per case). */
const PROBED = ["1234567890", "aaaaaaaaaa", "password12", " ".repeat(10)];
/** The portal's names and the default brand ("Nordlys"), as the probe wrote them and in other spellings. */
const SERVICE_PASSWORDS = [
  "owner-portal1",
  "ownerportal1",
  "Owner Portal 1",
  "eierportalen1",
  "eier-portalen1",
  "nordlys2026!",
  "Nordlys-2026",
];
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
        payload: { ...ACCEPTED_TERMS, email, password, name, locale: "en" },
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

    it("refuses a guessable new password at change with a bearer token, and takes a good one", async () => {
      const user = await signedInUser(t);
      const change = (newPassword: string) =>
        t.app.inject({
          method: "POST",
          url: "/api/auth/change-password",
          remoteAddress: "198.19.255.2",
          headers: { authorization: `Bearer ${user.token}` },
          payload: { currentPassword: user.password, newPassword },
        });
      // The email is only known from the session: it is refused only if the bearer session is found.
      for (const newPassword of ["aaaaaaaaaa", user.email]) {
        const weak = await change(newPassword);
        expect(weak.statusCode, newPassword).toBe(400);
        expect(weak.json().code, newPassword).toBe("auth.password_weak");
      }
      const strong = await change("an even longer password");
      expect(strong.statusCode).toBe(200);
      const signIn = await t.app.inject({
        method: "POST",
        url: "/api/auth/sign-in/email",
        remoteAddress: "198.19.255.3",
        payload: { email: user.email, password: "an even longer password" },
      });
      expect(signIn.statusCode).toBe(200);
    });

    it("answers a change without a session with 401, whatever the new password", async () => {
      for (const headers of [{}, { authorization: "Bearer not-a-token" }]) {
        const res = await t.app.inject({
          method: "POST",
          url: "/api/auth/change-password",
          remoteAddress: "198.19.255.4",
          headers,
          payload: { currentPassword: "whatever it was", newPassword: "aaaaaaaaaa" },
        });
        expect(res.statusCode).toBe(401);
      }
    });

    it("scores the new password at reset with better-auth's token precedence, and without a known token", async () => {
      const user = await signedInUser(t);
      const token = await resetToken(user.email);
      const attempts = [
        // An empty token in the body gives way to the one in the query, for better-auth as for us.
        { url: `/api/auth/reset-password?token=${token}`, payload: { token: "", newPassword: "password12" } },
        { url: `/api/auth/reset-password?token=${token}`, payload: { newPassword: user.email } },
        // Nobody to score for: the common passwords still count.
        { url: "/api/auth/reset-password", payload: { token: "no-such-token", newPassword: "password12" } },
        { url: "/api/auth/reset-password", payload: { newPassword: "password12" } },
      ];
      for (const attempt of attempts) {
        const weak = await t.app.inject({ method: "POST", ...attempt });
        expect(weak.statusCode, JSON.stringify(attempt)).toBe(400);
        expect(weak.json().code, JSON.stringify(attempt)).toBe("auth.password_weak");
      }
      const strong = await t.app.inject({
        method: "POST",
        url: `/api/auth/reset-password?token=${token}`,
        payload: { token: "", newPassword: "a brand new password" },
      });
      expect(strong.statusCode).toBe(200);
      const signIn = await t.app.inject({
        method: "POST",
        url: "/api/auth/sign-in/email",
        remoteAddress: "198.19.255.4",
        payload: { email: user.email, password: "a brand new password" },
      });
      expect(signIn.statusCode).toBe(200);
    });

    it("refuses the portal's and the brand's names in any spelling", async () => {
      const email = `brand-${dialect}@example.com`;
      for (const password of SERVICE_PASSWORDS) {
        const res = await signUp(email, password);
        expect(res.statusCode, password).toBe(400);
        expect(res.json().code, password).toBe("auth.password_weak");
      }
      await expect(
        createVerifiedUser(createAuth(t.config, t.database), t.database, {
          email,
          role: "agent",
          password: "nordlys2026!",
        }),
      ).rejects.toThrow(WeakPasswordError);
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

describe("the brand in passwords", () => {
  it("counts the configured brand name, whatever it is", () => {
    expect(isGuessable("fjordkraft2026!", {})).toBe(false);
    expect(isGuessable("fjordkraft2026!", { brandName: "Fjordkraft" })).toBe(true);
    expect(isGuessable("nordlys-energi26", { brandName: "Nordlys Energi" })).toBe(true);
  });
});
