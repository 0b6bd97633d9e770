import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshOwner } from "../../../test/factories.ts";
import { ACCEPTED_TERMS, dialects, startTestApp, type TestApp } from "../../../test/harness.ts";
import { ERROR_CODES, isErrorCode } from "../../server/error-codes.ts";

for (const dialect of dialects()) {
  describe(`better-auth's refusals as problem documents (${dialect})`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect);
    });
    afterAll(() => t.close());

    async function refusal(method: "GET" | "POST", url: string, payload?: object) {
      const res = await t.app.inject({
        method,
        url,
        remoteAddress: "10.77.0.1",
        ...(payload ? { payload } : {}),
      });
      const body = res.json();
      // The code is of the catalogue, and the status it has there is the answer's and the body's.
      expect(isErrorCode(body.code)).toBe(true);
      expect(ERROR_CODES[body.code as keyof typeof ERROR_CODES]).toBe(res.statusCode);
      expect(body.status).toBe(res.statusCode);
      return { status: res.statusCode, code: body.code as string };
    }

    it("answers a session list without a session as 401 auth.required", async () => {
      expect(await refusal("GET", "/api/auth/list-sessions")).toEqual({ status: 401, code: "auth.required" });
    });

    it("answers an endpoint better-auth does not have as 404 route.not_found", async () => {
      expect(await refusal("GET", "/api/auth/no-such-endpoint")).toEqual({
        status: 404,
        code: "route.not_found",
      });
    });

    it("keeps better-auth's own code for a wrong password", async () => {
      const owner = await freshOwner(t);
      expect(
        await refusal("POST", "/api/auth/sign-in/email", {
          email: owner.email,
          password: "not the password 1",
        }),
      ).toEqual({ status: 401, code: "auth.invalid_email_or_password" });
    });

    it("keeps better-auth's own code for a password that is too short", async () => {
      expect(
        await refusal("POST", "/api/auth/sign-up/email", {
          ...ACCEPTED_TERMS,
          email: "short-password@example.com",
          password: "short",
          name: "Kari Nordmann",
        }),
      ).toEqual({ status: 400, code: "auth.password_too_short" });
    });
  });
}
