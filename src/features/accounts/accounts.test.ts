import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ACCEPTED_TERMS,
  dialects,
  sessionCookie,
  signedInUser,
  startTestApp,
  type TestApp,
} from "../../../test/harness.ts";

for (const dialect of dialects()) {
  describe(`accounts on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect);
    });
    afterAll(() => t.close());

    it("signs up, sends a verification mail, verifies, signs in and out", async () => {
      const email = `new-${dialect}@example.com`;
      const signUp = await t.app.inject({
        method: "POST",
        url: "/api/auth/sign-up/email",
        payload: {
          ...ACCEPTED_TERMS,
          email,
          password: "a long password",
          name: "Nora Nordmann",
          locale: "en",
        },
      });
      expect(signUp.statusCode).toBe(200);

      const early = await t.app.inject({
        method: "POST",
        url: "/api/auth/sign-in/email",
        payload: { email, password: "a long password" },
      });
      expect(early.statusCode).toBe(403);
      expect(early.headers["content-type"]).toContain("application/problem+json");
      expect(early.json().code).toBe("auth.email_not_verified");

      await t.app.outbox.drain();
      const mails = (await t.app.inject({ method: "GET", url: "/api/v1/dev/mail" })).json().mails as {
        to: string;
        subject: string;
        text: string;
      }[];
      const mail = mails.find((m) => m.to === email);
      expect(mail?.subject).toBe("Confirm your email address");
      const link = mail?.text.match(/https?:\/\/\S+/)?.[0];
      expect(link).toBeDefined();
      const url = new URL(link as string);
      const verify = await t.app.inject({ method: "GET", url: url.pathname + url.search });
      expect([200, 302]).toContain(verify.statusCode);

      const signIn = await t.app.inject({
        method: "POST",
        url: "/api/auth/sign-in/email",
        payload: { email, password: "a long password" },
      });
      expect(signIn.statusCode).toBe(200);
      const cookie = sessionCookie(signIn);
      const session = await t.app.inject({ method: "GET", url: "/api/v1/session", headers: { cookie } });
      expect(session.json().user).toMatchObject({
        email,
        name: "Nora Nordmann",
        role: "customer",
        locale: "en",
      });
      expect(session.json().csrfToken).toEqual(expect.any(String));

      const signOut = await t.app.inject({
        method: "POST",
        url: "/api/auth/sign-out",
        headers: { cookie, origin: "http://localhost:3000" },
        payload: {},
      });
      expect(signOut.statusCode).toBe(200);
      const after = await t.app.inject({ method: "GET", url: "/api/v1/session", headers: { cookie } });
      expect(after.json().user).toBeNull();
    });

    it("refuses a wrong password with a stable code", async () => {
      const user = await signedInUser(t);
      const res = await t.app.inject({
        method: "POST",
        url: "/api/auth/sign-in/email",
        payload: { email: user.email, password: "not the password" },
      });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe("auth.invalid_email_or_password");
    });

    it("rate limits repeated sign-in attempts from one address", async () => {
      const responses = [];
      for (let i = 0; i < 12; i++) {
        // A new account each time, so that only the limit per address can answer 429.
        const res = await t.app.inject({
          method: "POST",
          url: "/api/auth/sign-in/email",
          remoteAddress: "203.0.113.9",
          payload: { email: `victim-${i}@example.com`, password: `guess number ${i}` },
        });
        responses.push(res);
      }
      expect(responses.at(-1)?.statusCode).toBe(429);
      expect(responses.at(-1)?.json().code).toBe("auth.too_many_requests");
      expect(responses.filter((r) => r.statusCode === 401).length).toBeLessThanOrEqual(10);
    });

    it("changes the password with the current one", async () => {
      const user = await signedInUser(t);
      const res = await t.app.inject({
        method: "POST",
        url: "/api/auth/change-password",
        headers: { cookie: user.cookie, origin: "http://localhost:3000" },
        payload: { currentPassword: user.password, newPassword: "an even longer password" },
      });
      expect(res.statusCode).toBe(200);
      const signIn = await t.app.inject({
        method: "POST",
        url: "/api/auth/sign-in/email",
        payload: { email: user.email, password: "an even longer password" },
      });
      expect(signIn.statusCode).toBe(200);
    });

    it("sends a reset link for a forgotten password and accepts the new password", async () => {
      const user = await signedInUser(t);
      const ask = await t.app.inject({
        method: "POST",
        url: "/api/auth/request-password-reset",
        payload: { email: user.email, redirectTo: "/reset-password" },
      });
      expect(ask.statusCode).toBe(200);
      await t.app.outbox.drain();
      const mails = (await t.app.inject({ method: "GET", url: "/api/v1/dev/mail" })).json().mails as {
        to: string;
        text: string;
      }[];
      const link = mails.find((m) => m.to === user.email)?.text.match(/https?:\/\/\S+/)?.[0] as string;
      const follow = await t.app.inject({
        method: "GET",
        url: new URL(link).pathname + new URL(link).search,
      });
      expect(follow.statusCode).toBe(302);
      const token = new URL(follow.headers.location as string, "http://localhost").searchParams.get("token");
      expect(token).toBeTruthy();
      const reset = await t.app.inject({
        method: "POST",
        url: "/api/auth/reset-password",
        payload: { token, newPassword: "a brand new password" },
      });
      expect(reset.statusCode).toBe(200);
      const signIn = await t.app.inject({
        method: "POST",
        url: "/api/auth/sign-in/email",
        payload: { email: user.email, password: "a brand new password" },
      });
      expect(signIn.statusCode).toBe(200);
    });
  });
}
