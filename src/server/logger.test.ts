import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCEPTED_TERMS, dialects, signedInUser, startTestApp, type TestApp } from "../../test/harness.ts";

for (const dialect of dialects()) {
  describe(`what the log keeps, on ${dialect}`, () => {
    let t: TestApp;
    let logged = "";
    beforeAll(async () => {
      const stream = new Writable({
        write(chunk, _encoding, done) {
          logged += String(chunk);
          done();
        },
      });
      // Demo mode without SMTP: mails are kept, not sent, which is when they were logged whole.
      t = await startTestApp(dialect, { LOG_LEVEL: "info" }, stream);
    });
    afterAll(() => t.close());

    it("keeps no password-reset token from the path", async () => {
      const token = "ResetTokenThatMustNotBeLogged123";
      await t.app.inject({
        method: "GET",
        url: `/api/auth/reset-password/${token}?callbackURL=/reset-password`,
      });
      expect(logged).toContain("/api/auth/reset-password/[redacted]");
      expect(logged).not.toContain(token);
    });

    it("keeps no calendar-feed token", async () => {
      const owner = await signedInUser(t);
      const link = (
        await t.app.inject({ method: "GET", url: "/api/v1/me/calendar", headers: owner.headers })
      ).json().url as string;
      const path = new URL(link).pathname;
      expect((await t.app.inject({ method: "GET", url: path })).statusCode).toBe(200);
      const token = path.split("/").at(-1)?.replace(".ics", "") as string;
      expect(logged).toContain("/calendar/[redacted]");
      expect(logged).not.toContain(token);
    });

    it("keeps no TV user code", async () => {
      const owner = await signedInUser(t);
      await t.app.inject({ method: "GET", url: "/api/v1/device/WXYZ-QRST", headers: owner.headers });
      expect(logged).not.toContain("WXYZ-QRST");
    });

    it("keeps no token however the path is spelled", async () => {
      const owner = await signedInUser(t);
      const token = "SpelledTokenAbcdefghijkLMNOP";
      for (const url of [
        `/calendar/%${token.charCodeAt(0).toString(16)}${token.slice(1)}.ics`,
        `/calendar/${token}%2eics`,
        `//calendar/${token}.ics`,
        `/api/auth/./reset-password/${token}`,
        `/api/auth//reset-password/${token}`,
        `/api/auth/%72eset-password/${token}`,
        `/nothing/here/${token}`,
      ]) {
        await t.app.inject({ method: "GET", url });
      }
      for (const url of ["/api/v1/device/%57XYZ-ABCD", "/api/v1/device/WXYZ%2DABCD"]) {
        await t.app.inject({ method: "GET", url, headers: owner.headers });
      }
      expect(logged).not.toContain(token.slice(1));
      expect(logged).not.toContain("XYZ-ABCD");
      expect(logged).not.toContain("XYZ%2DABCD");
    });

    it("keeps no mail text: mails carry sign-in and reset links", async () => {
      const email = `log-${dialect}@example.com`;
      const res = await t.app.inject({
        method: "POST",
        url: "/api/auth/sign-up/email",
        payload: {
          ...ACCEPTED_TERMS,
          email,
          password: "a long and unusual passphrase",
          name: "Kari Nordmann",
        },
      });
      expect(res.statusCode).toBe(200);
      expect(await t.app.outbox.drain()).toBeGreaterThan(0);
      expect(logged).toContain("mail kept, not sent");
      expect(logged).not.toContain("verify-email?token");
      expect(logged).not.toContain("Kari Nordmann");
    });

    it("keeps a caller's short request id, and replaces a long or strange one", async () => {
      await t.app.inject({ method: "GET", url: "/healthz", headers: { "x-request-id": "trace-42.a" } });
      expect(logged).toContain('"reqId":"trace-42.a"');
      const huge = "x".repeat(10_000);
      await t.app.inject({ method: "GET", url: "/healthz", headers: { "x-request-id": huge } });
      await t.app.inject({ method: "GET", url: "/healthz", headers: { "x-request-id": 'a"\\u0000b' } });
      expect(logged).not.toContain(huge.slice(0, 100));
      expect(logged).not.toContain('a\\"');
    });
  });
}
