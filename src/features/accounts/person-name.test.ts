import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCEPTED_TERMS, dialects, signedInUser, startTestApp, type TestApp } from "../../../test/harness.ts";
import { createAuth } from "./auth.ts";
import { createVerifiedUser, InvalidNameError } from "./service.ts";

const UNSAFE_NAMES = [
  "",
  "   ",
  "a".repeat(101),
  "Ada\nBcc: someone@example.net",
  "Ada\r\n\r\nhttps://example.net/reset",
  "Ada\u0007",
  "\u202eadA",
  "Ada\u2028Lovelace",
  "Visit https://example.net",
  "www.example.net",
  // What the security probe signed up with: a greeting that reads as a message from us.
  "Ada. Your account is locked, confirm at evil-portal.example/verify",
  "Ada. Your account is locked, confirm at evil-portal.example",
  "Ada 2",
  "Ada: call",
  "ada@example",
  "Ada/Bob",
  "Ada\uff0fBob", // full-width solidus
  "Ada\uff1a", // full-width colon
  "Ada\u3002", // ideographic full stop
  "Ada\u3000Lovelace", // ideographic space
  "Ada\u200bLovelace", // zero-width space
  "Ada\u00a0Lovelace", // no-break space
  "Ada\tLovelace",
  "Ada!",
  "Ada <ada>",
  "...",
  "- &",
];
/** Names people have: accents, either apostrophe, initials, hyphens, "&", combining marks, other scripts. */
const NAMES = [
  "Åse Ødegård-Ås",
  "O'Brien",
  "D’Angelo",
  "J.R.R. Tolkien",
  "Dr. Nora Nordmann, jr.",
  "Kari & Ola Nordmann",
  "Nguye\u0302\u0303n Va\u0306n A", // decomposed: letters with combining marks
  "Zoë Saldaña",
  "李小龍",
  "Σωκράτης",
  "محمد",
];

let counter = 0;

for (const dialect of dialects()) {
  describe(`names on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect);
    });
    afterAll(() => t.close());

    function signUp(email: string, name: string) {
      counter++;
      return t.app.inject({
        method: "POST",
        url: "/api/auth/sign-up/email",
        remoteAddress: `198.20.${(counter >> 8) & 255}.${counter & 255}`,
        payload: { ...ACCEPTED_TERMS, email, password: "correct horse battery", name },
      });
    }

    it("refuses an empty, overlong, multi-line or link-carrying name, or one with characters no name has, at sign-up", async () => {
      for (const [i, name] of UNSAFE_NAMES.entries()) {
        const email = `unsafe-${i}-${dialect}@example.com`;
        const res = await signUp(email, name);
        expect(res.statusCode, JSON.stringify(name)).toBe(400);
        expect(res.headers["content-type"]).toContain("application/problem+json");
        expect(res.json().code, JSON.stringify(name)).toBe("auth.name_invalid");
        const rows = await t.database.db.selectFrom("user").select("id").where("email", "=", email).execute();
        expect(rows).toEqual([]);
      }
    });

    it("keeps a name of up to 100 characters, trimmed", async () => {
      const email = `ase-${dialect}@example.com`;
      expect((await signUp(email, "  Åse Ødegård-Ås  ")).statusCode).toBe(200);
      expect((await signUp(`long-${dialect}@example.com`, "Å".repeat(100))).statusCode).toBe(200);
      const row = await t.database.db
        .selectFrom("user")
        .select("name")
        .where("email", "=", email)
        .executeTakeFirstOrThrow();
      expect(row.name).toBe("Åse Ødegård-Ås");
    });

    it("keeps the names people have", async () => {
      for (const [i, name] of NAMES.entries()) {
        const res = await signUp(`name-${i}-${dialect}@example.com`, name);
        expect(res.statusCode, name).toBe(200);
      }
    });

    it("refuses a name with characters a name does not have when changed through My information", async () => {
      const user = await signedInUser(t);
      for (const name of ["Ada 2", "Ada: confirm at evil-portal.example/verify", "Ada\u3002"]) {
        const res = await t.app.inject({
          method: "PATCH",
          url: "/api/v1/me",
          headers: { ...user.headers, "content-type": "application/json" },
          payload: JSON.stringify({ name }),
        });
        expect(res.statusCode, name).toBe(400);
        expect(res.json().code, name).toBe("request.invalid");
      }
      const good = await t.app.inject({
        method: "PATCH",
        url: "/api/v1/me",
        headers: { ...user.headers, "content-type": "application/json" },
        payload: JSON.stringify({ name: "Kari O’Brien-Nordmann" }),
      });
      expect(good.statusCode).toBe(200);
    });

    it("refuses an unsafe name when a signed-in person changes it through the auth endpoint", async () => {
      const user = await signedInUser(t);
      const headers = { cookie: user.cookie, origin: "http://localhost:3000" };
      const bad = await t.app.inject({
        method: "POST",
        url: "/api/auth/update-user",
        headers,
        payload: { name: "Ada\r\nhttps://example.net" },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe("auth.name_invalid");
      const good = await t.app.inject({
        method: "POST",
        url: "/api/auth/update-user",
        headers,
        payload: { name: " Ada Lovelace " },
      });
      expect(good.statusCode).toBe(200);
      const session = await t.app.inject({
        method: "GET",
        url: "/api/v1/session",
        headers: { cookie: user.cookie },
      });
      expect(session.json().user.name).toBe("Ada Lovelace");
    });

    it("refuses an unsafe name for an operator-created user", async () => {
      await expect(
        createVerifiedUser(createAuth(t.config, t.database), t.database, {
          email: `operator-name-${dialect}@example.com`,
          role: "agent",
          name: "Ops\nTeam",
        }),
      ).rejects.toThrow(InvalidNameError);
    });
  });
}
