import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshOwner } from "../../test/factories.ts";
import { dialects, startTestApp, type TestApp } from "../../test/harness.ts";

for (const dialect of dialects()) {
  describe(`who is calling (${dialect})`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect);
    });
    afterAll(() => t.close());

    // better-auth ignores a header without "Bearer " and then reads the cookie (a web client, so
    // the CSRF token is needed); it reads "Bearer  x" as the token "x", which names no session.
    it.each([
      ["a tab", "Bearer\tx", 403, "auth.csrf"],
      ["no token", "Bearer ", 403, "auth.csrf"],
      ["two spaces", "Bearer  x", 403, "auth.csrf"],
    ])(
      "never takes a cookie session for the app when the Authorization header has %s",
      async (_, header, status, code) => {
        const owner = await freshOwner(t);
        const res = await t.app.inject({
          method: "PATCH",
          url: "/api/v1/me",
          headers: { cookie: owner.cookie, authorization: header },
          payload: { name: "Kari Nordmann" },
        });
        expect(res.statusCode).toBe(status);
        expect(res.json().code).toBe(code);
      },
    );

    it("takes the members app's bearer token as the app, which needs no CSRF token", async () => {
      const owner = await freshOwner(t);
      const res = await t.app.inject({
        method: "PATCH",
        url: "/api/v1/me",
        headers: { authorization: `Bearer ${owner.token}` },
        payload: { name: "Kari Nordmann" },
      });
      expect(res.statusCode).toBe(200);
    });
  });
}
