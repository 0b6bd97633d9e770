import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ACCEPTED_TERMS,
  dialects,
  sessionCookie,
  startTestApp,
  type TestApp,
} from "../../../test/harness.ts";
import { SIGN_UP_COOKIE } from "./sign-up-browser.ts";

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
      return cookieNamed(res, SIGN_UP_COOKIE);
    }

    /** `name=value` of one cookie an answer sets. */
    function cookieNamed(res: { headers: Record<string, unknown> }, name: string): string {
      const raw = res.headers["set-cookie"];
      const list = (Array.isArray(raw) ? raw : raw ? [raw] : []) as string[];
      return list.map((c) => c.split(";")[0] ?? "").find((c) => c.startsWith(`${name}=`)) ?? "";
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
      const mark = await signUp(email);
      expect(mark).toMatch(/^portal_signup=.+/);
      const [link] = await verificationLinks(email);
      const url = new URL(link as string);
      const verify = await t.app.inject({
        method: "GET",
        url: url.pathname + url.search,
        headers: { cookie: mark },
      });
      expect(verify.statusCode).toBe(302);
      expect(verify.headers.location).toBe("/?verified=1");
      const cookie = sessionCookie(verify);
      expect(cookie).toContain("session_token");
      const session = await t.app.inject({ method: "GET", url: "/api/v1/session", headers: { cookie } });
      expect(session.json().user).toMatchObject({ email, emailVerified: true, locale: "nb" });
    });

    it("confirms the address but signs no one in when the link is opened in another browser", async () => {
      // Someone signed up with another person's address: that person's click must not open the account.
      const email = `elsewhere-${dialect}@example.com`;
      await signUp(email);
      const [link] = await verificationLinks(email);
      const url = new URL(link as string);
      const verify = await t.app.inject({ method: "GET", url: url.pathname + url.search });
      expect(verify.statusCode).toBe(302);
      expect(verify.headers.location).toBe("/signin?verified=1");
      expect(sessionCookie(verify)).toBe("");
      const sessions = await t.database.db
        .selectFrom("session")
        .innerJoin("user", "user.id", "session.userId")
        .select("session.id")
        .where("user.email", "=", email)
        .execute();
      expect(sessions).toEqual([]);
      const signIn = await t.app.inject({
        method: "POST",
        url: "/api/auth/sign-in/email",
        remoteAddress: "198.51.100.11",
        payload: { email, password: "a long password" },
      });
      expect(signIn.statusCode).toBe(200);
      const me = await t.app.inject({
        method: "GET",
        url: "/api/v1/session",
        headers: { cookie: sessionCookie(signIn) },
      });
      expect(me.json().user).toMatchObject({ email, emailVerified: true });
    });

    it("takes a mark of one address for no other", async () => {
      const first = `mark-a-${dialect}@example.com`;
      const other = `mark-b-${dialect}@example.com`;
      const mark = await signUp(first);
      await signUp(other);
      const [link] = await verificationLinks(other);
      const url = new URL(link as string);
      const verify = await t.app.inject({
        method: "GET",
        url: url.pathname + url.search,
        headers: { cookie: mark },
      });
      expect(verify.headers.location).toBe("/signin?verified=1");
      expect(sessionCookie(verify)).toBe("");
    });
  });
}
