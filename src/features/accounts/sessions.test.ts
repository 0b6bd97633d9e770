import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  dialects,
  freshDatabase,
  type SignedIn,
  signedInUser,
  type TestApp,
  testConfig,
} from "../../../test/harness.ts";
import { openDatabase } from "../../db/database.ts";
import { buildApp } from "../../server/app.ts";
import { createAuth } from "./auth.ts";

/**
 * Sessions are read from the database on every request, with nothing cached in an instance: what
 * one app instance does to a session (sign-out, a password change, a removed account) holds on
 * the next request to any other instance. Two instances share one database here, each with its
 * own connections on PostgreSQL.
 */
for (const dialect of dialects()) {
  describe(`sessions across two app instances on ${dialect}`, () => {
    let a: TestApp;
    let b: TestApp;
    beforeAll(async () => {
      const config = testConfig();
      const database = await freshDatabase(dialect);
      const second = dialect === "postgres" ? await openDatabase(database.location) : database;
      const appA = await buildApp({ config, database, outboxTimer: false, logger: false });
      const appB = await buildApp({ config, database: second, outboxTimer: false, logger: false });
      a = { app: appA, database, config, clock: appA.clock, close: async () => {} };
      b = { app: appB, database: second, config, clock: appB.clock, close: async () => {} };
      afterAll(async () => {
        await appB.close();
        await appA.close();
        if (second !== database) await second.close();
        await database.close();
      });
    });

    const me = (t: TestApp, headers: Record<string, string>) =>
      t.app.inject({ method: "GET", url: "/api/v1/me", headers });

    const day = 24 * 60 * 60 * 1000;

    /** Makes the owner's session look 2 days old (28 days left, past the one-day update age). */
    async function dueForExtension(owner: SignedIn): Promise<string> {
      const token = decodeURIComponent(owner.cookie.split("=")[1] as string).split(".")[0] as string;
      await a.database.db
        .updateTable("session")
        .set({ expiresAt: new Date(Date.now() + 28 * day).toISOString() })
        .where("token", "=", token)
        .execute();
      return token;
    }

    /** A second session of the same owner, signed in through instance B. */
    async function alsoOnB(owner: SignedIn): Promise<string> {
      const res = await b.app.inject({
        method: "POST",
        url: "/api/auth/sign-in/email",
        remoteAddress: "10.200.0.1",
        payload: { email: owner.email, password: owner.password },
      });
      expect(res.statusCode).toBe(200);
      return String(res.headers["set-auth-token"]);
    }

    it("ends a session on every instance when it signs out on one", async () => {
      const owner = await signedInUser(a);
      expect((await me(b, { cookie: owner.cookie })).statusCode).toBe(200);
      const out = await a.app.inject({
        method: "POST",
        url: "/api/auth/sign-out",
        headers: { cookie: owner.cookie, origin: "http://localhost:3000" },
        payload: {},
      });
      expect(out.statusCode).toBe(200);
      const after = await me(b, { cookie: owner.cookie });
      expect(after.statusCode).toBe(401);
      expect(after.json().code).toBe("auth.required");
    });

    it("ends the other sessions everywhere when the password changes with them revoked", async () => {
      const owner = await signedInUser(a);
      const token = await alsoOnB(owner);
      expect((await me(b, { authorization: `Bearer ${token}` })).statusCode).toBe(200);
      const change = await a.app.inject({
        method: "POST",
        url: "/api/auth/change-password",
        headers: { cookie: owner.cookie, origin: "http://localhost:3000" },
        payload: {
          currentPassword: owner.password,
          newPassword: "an even longer password",
          revokeOtherSessions: true,
        },
      });
      expect(change.statusCode).toBe(200);
      expect((await me(b, { authorization: `Bearer ${token}` })).statusCode).toBe(401);
    });

    it("signs a removed account out on every instance at once", async () => {
      const owner = await signedInUser(a);
      expect((await me(b, { cookie: owner.cookie })).statusCode).toBe(200);
      const context = await createAuth(a.config, a.database).$context;
      await context.internalAdapter.deleteUser(owner.userId);
      expect((await me(b, { cookie: owner.cookie })).statusCode).toBe(401);
    });

    it("takes no cookie whose signature does not match, and no expired session", async () => {
      const owner = await signedInUser(a);
      const [name, value] = owner.cookie.split("=") as [string, string];
      const token = decodeURIComponent(value).split(".")[0] as string;
      const forged = `${name}=${encodeURIComponent(`${token}.${"A".repeat(43)}=`)}`;
      expect((await me(b, { cookie: forged })).statusCode).toBe(401);
      expect((await me(b, { authorization: `Bearer ${token}.${"A".repeat(43)}=` })).statusCode).toBe(401);
      // The bare token is what better-auth's bearer plugin also takes.
      expect((await me(b, { authorization: `Bearer ${token}` })).statusCode).toBe(200);

      await a.database.db
        .updateTable("session")
        .set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
        .where("token", "=", token)
        .execute();
      expect((await me(b, { cookie: owner.cookie })).statusCode).toBe(401);
      const left = await a.database.db
        .selectFrom("session")
        .select("id")
        .where("token", "=", token)
        .execute();
      expect(left).toEqual([]);
    });

    it("takes no signature written in base64url letters, as better-auth takes none", async () => {
      const owner = await signedInUser(a);
      const [name, value] = owner.cookie.split("=") as [string, string];
      const token = decodeURIComponent(value).split(".")[0] as string;
      // A token of this session whose signature has a letter that base64url writes otherwise.
      const sign = (t: string) => createHmac("sha256", a.config.authSecret).update(t).digest("base64");
      const chosen = Array.from({ length: 64 }, (_, i) => `${token}${i}`).find((t) => /[+/]/.test(sign(t)));
      if (!chosen) throw new Error("no token with + or / in its signature");
      await a.database.db.updateTable("session").set({ token: chosen }).where("token", "=", token).execute();
      const signed = `${chosen}.${sign(chosen)}`;
      const urlLetters = `${chosen}.${sign(chosen).replaceAll("+", "-").replaceAll("/", "_")}`;
      expect((await me(b, { cookie: `${name}=${encodeURIComponent(signed)}` })).statusCode).toBe(200);
      const refused: Record<string, string>[] = [
        { cookie: `${name}=${encodeURIComponent(urlLetters)}` },
        { authorization: `Bearer ${urlLetters}` },
      ];
      for (const headers of refused) {
        expect((await me(b, headers)).statusCode).toBe(401);
        const theirs = await b.app.inject({ method: "GET", url: "/api/auth/get-session", headers });
        expect(theirs.json()).toBeNull();
      }
    });

    it("extends the session it read and answers for it, whatever other credential comes along", async () => {
      const owner = await signedInUser(a);
      const other = await signedInUser(a);
      const token = await dueForExtension(owner);
      // Not the form read here ("Bearer <token>"), so the cookie counts; better-auth would take it.
      const res = await me(b, { cookie: owner.cookie, authorization: `Bearer  ${other.token}` });
      expect(res.statusCode).toBe(200);
      expect(res.json().email).toBe(owner.email);
      const row = await a.database.db
        .selectFrom("session")
        .select("expiresAt")
        .where("token", "=", token)
        .executeTakeFirstOrThrow();
      expect(Date.parse(new Date(row.expiresAt).toISOString())).toBeGreaterThan(Date.now() + 29 * day);
    });

    it("extends a session once a day through better-auth, and keeps reading it", async () => {
      const owner = await signedInUser(a);
      const token = await dueForExtension(owner);
      const extended = await me(b, { cookie: owner.cookie });
      expect(extended.statusCode).toBe(200);
      // The browser is given the extended cookie, so an active session outlives 30 days from sign-in.
      const setCookie = [extended.headers["set-cookie"]].flat().join("; ");
      expect(setCookie).toMatch(/session_token=[^;]+;.*Max-Age=2592000/);
      const again = await me(b, { cookie: owner.cookie });
      expect(again.headers["set-cookie"]).toBeUndefined();
      const row = await a.database.db
        .selectFrom("session")
        .select("expiresAt")
        .where("token", "=", token)
        .executeTakeFirstOrThrow();
      expect(Date.parse(new Date(row.expiresAt).toISOString())).toBeGreaterThan(Date.now() + 29 * day);
    });
  });
}
