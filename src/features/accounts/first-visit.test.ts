import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ACCEPTED_TERMS,
  dialects,
  sessionCookie,
  startTestApp,
  type TestApp,
} from "../../../test/harness.ts";

for (const dialect of dialects()) {
  describe(`a new owner's first visit on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect);
    });
    afterAll(() => t.close());

    /** The links of the verification mails queued for one address, oldest first. */
    async function verificationLinks(to: string): Promise<string[]> {
      const rows = await t.database.db
        .selectFrom("outbox")
        .select(["payload", "created_at"])
        .where("topic", "=", "mail")
        .orderBy("created_at")
        .execute();
      return rows
        .map((r) => JSON.parse(r.payload) as { to: string; template: string; text: string })
        .filter((m) => m.to === to && m.template === "verify-email")
        .map((m) => m.text.match(/https?:\/\/\S+/)?.[0] ?? "");
    }

    async function signUp(email: string) {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/auth/sign-up/email",
        remoteAddress: "198.51.100.7",
        payload: {
          ...ACCEPTED_TERMS,
          email,
          password: "a long password",
          name: "Ola Nordmann",
          locale: "nb",
          callbackURL: "/?verified=1",
        },
      });
      expect(res.statusCode).toBe(200);
    }

    it("sends a new link to an owner who signs in before confirming, as the sign-in page says", async () => {
      const email = `early-${dialect}@example.com`;
      await signUp(email);
      expect(await verificationLinks(email)).toHaveLength(1);
      const early = await t.app.inject({
        method: "POST",
        url: "/api/auth/sign-in/email",
        remoteAddress: "198.51.100.8",
        payload: { email, password: "a long password", callbackURL: "/?verified=1" },
      });
      expect(early.statusCode).toBe(403);
      expect(early.json().code).toBe("auth.email_not_verified");
      const links = await verificationLinks(email);
      expect(links).toHaveLength(2);
      expect(new URL(links[1] as string).searchParams.get("callbackURL")).toBe("/?verified=1");
    });

    it("sends nothing to someone who does not know the password", async () => {
      const email = `guess-${dialect}@example.com`;
      await signUp(email);
      const wrong = await t.app.inject({
        method: "POST",
        url: "/api/auth/sign-in/email",
        remoteAddress: "198.51.100.9",
        payload: { email, password: "not the password at all" },
      });
      expect(wrong.statusCode).toBe(401);
      expect(await verificationLinks(email)).toHaveLength(1);
    });

    it("signs the owner in when they follow the link, and takes them to the page it names", async () => {
      const email = `verify-${dialect}@example.com`;
      await signUp(email);
      const [link] = await verificationLinks(email);
      const url = new URL(link as string);
      const verify = await t.app.inject({ method: "GET", url: url.pathname + url.search });
      expect(verify.statusCode).toBe(302);
      expect(verify.headers.location).toBe("/?verified=1");
      const cookie = sessionCookie(verify);
      expect(cookie).toContain("session_token");
      const session = await t.app.inject({ method: "GET", url: "/api/v1/session", headers: { cookie } });
      expect(session.json().user).toMatchObject({ email, emailVerified: true, locale: "nb" });
    });
  });
}
