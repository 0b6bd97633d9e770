import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCEPTED_TERMS, dialects, startTestApp, type TestApp } from "../../test/harness.ts";

for (const dialect of dialects()) {
  describe(`the server on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect);
    });
    afterAll(() => t.close());

    it("is alive and ready when its database answers", async () => {
      expect((await t.app.inject({ method: "GET", url: "/healthz" })).json()).toEqual({ status: "ok" });
      expect((await t.app.inject({ method: "GET", url: "/readyz" })).json()).toEqual({
        status: "ready",
        database: dialect,
      });
    });

    it("publishes an OpenAPI 3.1 document generated from the route schemas, and a docs page", async () => {
      const doc = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json();
      expect(doc.openapi).toBe("3.1.0");
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(["/api/v1/me", "/api/v1/session", "/readyz"]),
      );
      expect(
        doc.paths["/api/v1/me"].patch.requestBody.content["application/json"].schema.properties,
      ).toHaveProperty("postalCode");
      const page = await t.app.inject({ method: "GET", url: "/api/docs/" });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain("swagger");
    });

    it("sends a strict Content-Security-Policy and safe headers", async () => {
      const res = await t.app.inject({ method: "GET", url: "/healthz" });
      const csp = String(res.headers["content-security-policy"]);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain("unsafe-inline");
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
    });

    it("marks session cookies HttpOnly, SameSite and Secure", async () => {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/auth/sign-in/email",
        payload: { email: "demo-nobody@example.com", password: "whatever-password" },
      });
      expect(res.statusCode).toBe(401);
      const signUp = await t.app.inject({
        method: "POST",
        url: "/api/auth/sign-up/email",
        payload: {
          ...ACCEPTED_TERMS,
          email: `cookie-${dialect}@example.com`,
          password: "long enough password",
          name: "C",
        },
      });
      expect(signUp.statusCode).toBe(200);
      const { createVerifiedUser } = await import("../features/accounts/service.ts");
      const { createAuth } = await import("../features/accounts/auth.ts");
      await createVerifiedUser(createAuth(t.config, t.database), t.database, {
        email: `cookie2-${dialect}@example.com`,
        role: "customer",
        password: "long enough password",
      });
      const signIn = await t.app.inject({
        method: "POST",
        url: "/api/auth/sign-in/email",
        payload: { email: `cookie2-${dialect}@example.com`, password: "long enough password" },
      });
      const cookies = ([] as string[]).concat(signIn.headers["set-cookie"] ?? []);
      const session = cookies.find((c) => c.includes("session_token"));
      expect(session).toMatch(/HttpOnly/i);
      expect(session).toMatch(/SameSite=Lax/i);
      expect(session).toMatch(/Secure/i);
    });

    it("answers unknown API paths with a problem document", async () => {
      const res = await t.app.inject({ method: "GET", url: "/api/v1/nothing-here" });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: "route.not_found", status: 404 });
    });
  });
}
