import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { manualClock } from "../../../test/clock.ts";
import { dialects, signedInUser, startTestApp, type TestApp } from "../../../test/harness.ts";
import type { Actor } from "../../server/actor.ts";
import { loadDemoPostcodes, parsePostcodeRegister } from "./postcodes.ts";
import { changeProfile } from "./service.ts";

/** Set to make the points for My information fail, as a database error after the profile's commit would. */
const earning = vi.hoisted(() => ({ fails: false }));
vi.mock(import("../rewards/service.ts"), async (original) => {
  const actual = await original();
  return {
    ...actual,
    earnForProfile: async (...args: Parameters<typeof actual.earnForProfile>) => {
      if (earning.fails) throw new Error("the ledger is not there");
      return actual.earnForProfile(...args);
    },
  };
});

for (const dialect of dialects()) {
  describe(`My information on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect);
    });
    afterAll(() => t.close());

    it("answers 401 with a code when nobody is signed in", async () => {
      const res = await t.app.inject({ method: "GET", url: "/api/v1/me" });
      expect(res.statusCode).toBe(401);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json()).toMatchObject({ status: 401, code: "auth.required", title: "Unauthorized" });
    });

    it("answers 401 for a forged session cookie or bearer token", async () => {
      const cookie = await t.app.inject({
        method: "GET",
        url: "/api/v1/me",
        headers: { cookie: "portal.session_token=forged.value" },
      });
      expect(cookie.statusCode).toBe(401);
      const bearer = await t.app.inject({
        method: "GET",
        url: "/api/v1/me",
        headers: { authorization: "Bearer forged-token" },
      });
      expect(bearer.statusCode).toBe(401);
    });

    it("reads My information with a cookie session and with a bearer token", async () => {
      const user = await signedInUser(t);
      const viaCookie = await t.app.inject({
        method: "GET",
        url: "/api/v1/me",
        headers: { cookie: user.cookie },
      });
      expect(viaCookie.statusCode).toBe(200);
      expect(viaCookie.json()).toMatchObject({ email: user.email, country: "NO", locale: "nb", phone: null });
      const viaBearer = await t.app.inject({
        method: "GET",
        url: "/api/v1/me",
        headers: { authorization: `Bearer ${user.token}` },
      });
      expect(viaBearer.statusCode).toBe(200);
      expect(viaBearer.json().email).toBe(user.email);
    });

    it("refuses a cookie-authenticated write without the CSRF token, and writes nothing", async () => {
      const user = await signedInUser(t);
      const res = await t.app.inject({
        method: "PATCH",
        url: "/api/v1/me",
        headers: { cookie: user.cookie },
        payload: { city: "Bergen" },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe("auth.csrf");
      const forged = await t.app.inject({
        method: "PATCH",
        url: "/api/v1/me",
        headers: { cookie: user.cookie, "x-csrf-token": "A".repeat(43) },
        payload: { city: "Bergen" },
      });
      expect(forged.statusCode).toBe(403);
      const me = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie: user.cookie } });
      expect(me.json().city).toBeNull();
    });

    it("rejects bad input with request codes and changes nothing", async () => {
      const user = await signedInUser(t);
      const cases = [
        { payload: "{not json", type: "application/json", status: 400, code: "request.malformed_json" },
        {
          payload: JSON.stringify({ country: "XX" }),
          type: "application/json",
          status: 400,
          code: "request.invalid",
        },
        {
          payload: JSON.stringify({ name: 42 }),
          type: "application/json",
          status: 400,
          code: "request.invalid",
        },
        {
          payload: JSON.stringify({ name: "Ada\r\nBcc: someone@example.net" }),
          type: "application/json",
          status: 400,
          code: "request.invalid",
        },
        {
          payload: JSON.stringify({ name: "Ada https://example.net/win" }),
          type: "application/json",
          status: 400,
          code: "request.invalid",
        },
        {
          payload: JSON.stringify({ isAdmin: true }),
          type: "application/json",
          status: 400,
          code: "request.invalid",
        },
        {
          payload: JSON.stringify({ role: "admin" }),
          type: "application/json",
          status: 400,
          code: "request.invalid",
        },
        {
          payload: JSON.stringify({ phone: "call me maybe" }),
          type: "application/json",
          status: 400,
          code: "request.invalid",
        },
        {
          payload: "name=x",
          type: "application/x-www-form-urlencoded",
          status: 415,
          code: "request.media_type",
        },
        {
          payload: JSON.stringify({ addressLine: "x".repeat(2_000_000) }),
          type: "application/json",
          status: 413,
          code: "request.too_large",
        },
      ];
      for (const c of cases) {
        const res = await t.app.inject({
          method: "PATCH",
          url: "/api/v1/me",
          headers: { ...user.headers, "content-type": c.type },
          payload: c.payload,
        });
        expect(res.statusCode, c.payload.slice(0, 40)).toBe(c.status);
        expect(res.json().code, c.payload.slice(0, 40)).toBe(c.code);
      }
      const me = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie: user.cookie } });
      expect(me.json()).toMatchObject({ role: "customer", country: "NO", addressLine: null });
    });

    it("names the failing fields of an invalid request", async () => {
      const user = await signedInUser(t);
      const res = await t.app.inject({
        method: "PATCH",
        url: "/api/v1/me",
        headers: user.headers,
        payload: { country: "XX", locale: "de" },
      });
      expect(
        res
          .json()
          .fields.map((f: { path: string }) => f.path)
          .sort(),
      ).toEqual(["body.country", "body.locale"]);
    });

    it("saves My information and clears a field with an empty string", async () => {
      const user = await signedInUser(t);
      const save = await t.app.inject({
        method: "PATCH",
        url: "/api/v1/me",
        headers: user.headers,
        payload: {
          name: "Kari Nordmann",
          phone: "+47 912 34 567",
          addressLine: "Storgata 1",
          postalCode: "0155",
          city: "Oslo",
          country: "NO",
          locale: "en",
        },
      });
      expect(save.statusCode).toBe(200);
      expect(save.json()).toMatchObject({
        name: "Kari Nordmann",
        city: "Oslo",
        locale: "en",
        postalCode: "0155",
      });
      const clear = await t.app.inject({
        method: "PATCH",
        url: "/api/v1/me",
        headers: user.headers,
        payload: { phone: "" },
      });
      expect(clear.json()).toMatchObject({ phone: null, city: "Oslo" });
      const row = await t.database.db
        .selectFrom("profile")
        .selectAll()
        .where("user_id", "=", user.userId)
        .executeTakeFirst();
      expect(row).toMatchObject({ city: "Oslo", phone: null, address_line: "Storgata 1" });
    });

    it("lets a bearer client write without a CSRF token", async () => {
      const user = await signedInUser(t);
      const res = await t.app.inject({
        method: "PATCH",
        url: "/api/v1/me",
        headers: { authorization: `Bearer ${user.token}` },
        payload: { city: "Trondheim" },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().city).toBe("Trondheim");
    });
  });
}

for (const dialect of dialects()) {
  describe(`postcodes in My information on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect);
      await loadDemoPostcodes(t.database);
    });
    afterAll(() => t.close());

    it("refuses a postcode that is not one of the country's, and changes nothing", async () => {
      const user = await signedInUser(t);
      for (const postalCode of ["12", "ABCD", "01555"]) {
        const res = await t.app.inject({
          method: "PATCH",
          url: "/api/v1/me",
          headers: user.headers,
          payload: { postalCode, country: "NO" },
        });
        expect(res.statusCode, postalCode).toBe(400);
        expect(res.json()).toMatchObject({
          code: "profile.postcode_invalid",
          fields: [{ path: "body.postalCode" }],
        });
      }
      const me = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie: user.cookie } });
      expect(me.json()).toMatchObject({ postalCode: null, city: null });
    });

    it("checks the saved postcode against a new country", async () => {
      const user = await signedInUser(t);
      const save = await t.app.inject({
        method: "PATCH",
        url: "/api/v1/me",
        headers: user.headers,
        payload: { postalCode: "0155", city: "Oslo", country: "NO" },
      });
      expect(save.statusCode).toBe(200);
      const move = await t.app.inject({
        method: "PATCH",
        url: "/api/v1/me",
        headers: user.headers,
        payload: { country: "SE" },
      });
      expect(move.statusCode).toBe(400);
      expect(move.json().code).toBe("profile.postcode_invalid");
      const sweden = await t.app.inject({
        method: "PATCH",
        url: "/api/v1/me",
        headers: user.headers,
        payload: { country: "SE", postalCode: "11122", city: "Stockholm" },
      });
      expect(sweden.json()).toMatchObject({ country: "SE", postalCode: "111 22", city: "Stockholm" });
    });

    it("fills in the place from the postal register when it is left empty, and keeps one the owner wrote", async () => {
      const user = await signedInUser(t);
      const empty = await t.app.inject({
        method: "PATCH",
        url: "/api/v1/me",
        headers: user.headers,
        payload: { postalCode: " 5003 ", city: "", country: "NO" },
      });
      expect(empty.json()).toMatchObject({ postalCode: "5003", city: "BERGEN" });
      const own = await t.app.inject({
        method: "PATCH",
        url: "/api/v1/me",
        headers: user.headers,
        payload: { postalCode: "7010", city: "Midtbyen" },
      });
      expect(own.json()).toMatchObject({ postalCode: "7010", city: "Midtbyen" });
    });

    it("looks a postcode up for the form: its place, null for one the register lacks, 400 for none", async () => {
      const user = await signedInUser(t);
      const anonymous = await t.app.inject({ method: "GET", url: "/api/v1/postcodes/NO/0155" });
      expect(anonymous.statusCode).toBe(401);
      const known = await t.app.inject({
        method: "GET",
        url: "/api/v1/postcodes/NO/9008",
        headers: { cookie: user.cookie },
      });
      expect(known.json()).toEqual({ country: "NO", code: "9008", place: "TROMSØ" });
      const unknown = await t.app.inject({
        method: "GET",
        url: "/api/v1/postcodes/NO/9999",
        headers: { cookie: user.cookie },
      });
      expect(unknown.json()).toEqual({ country: "NO", code: "9999", place: null });
      const bad = await t.app.inject({
        method: "GET",
        url: "/api/v1/postcodes/NO/12",
        headers: { cookie: user.cookie },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe("profile.postcode_invalid");
      const country = await t.app.inject({
        method: "GET",
        url: "/api/v1/postcodes/XX/0155",
        headers: { cookie: user.cookie },
      });
      expect(country.statusCode).toBe(400);
      expect(country.json().code).toBe("request.invalid");
    });

    it("reads the post's register in its Windows-1252 edition and reports the lines it cannot use", () => {
      const bytes = new Uint8Array([
        ...new TextEncoder().encode("9008\tTROMS"),
        0xd8, // Ø in Windows-1252
        ...new TextEncoder().encode("\t5401\tTROMS\tG\r\n12\tNOWHERE\r\n0155\t\r\n"),
      ]);
      const { entries, rejected } = parsePostcodeRegister("NO", bytes);
      expect(entries).toEqual([{ code: "9008", place: "TROMSØ" }]);
      expect(rejected.map((r) => r.line)).toEqual([2, 3]);
    });

    it("saves My information and answers 200 when the points for it fail after the commit, and logs the failure", async () => {
      const user = await signedInUser(t);
      const complete = {
        name: "Ada Lovelace",
        phone: "+4791234567",
        addressLine: "Storgata 1",
        postalCode: "0155",
        city: "Oslo",
      };
      earning.fails = true;
      try {
        const res = await t.app.inject({
          method: "PATCH",
          url: "/api/v1/me",
          headers: user.headers,
          payload: complete,
        });
        expect(res.statusCode).toBe(200);
        expect(res.json()).toMatchObject(complete);
        const me = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie: user.cookie } });
        expect(me.json()).toMatchObject(complete);

        const log = { error: vi.fn() };
        const actor: Actor = {
          userId: user.userId,
          email: user.email,
          name: "Ada Lovelace",
          role: "customer",
          locale: "nb",
          emailVerified: true,
          sessionId: "test",
          client: "web",
          device: null,
        };
        const saved = await changeProfile(
          t.database,
          manualClock(),
          actor,
          user.userId,
          { city: "Bergen" },
          log,
        );
        expect(saved.city).toBe("Bergen");
        expect(log.error).toHaveBeenCalledOnce();
        expect(log.error.mock.calls[0]?.[0]).toMatchObject({ ownerId: user.userId, err: expect.any(Error) });
      } finally {
        earning.fails = false;
      }
    });
  });
}
