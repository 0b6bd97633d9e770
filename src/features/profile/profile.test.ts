import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects, signedInUser, startTestApp, type TestApp } from "../../../test/harness.ts";

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
