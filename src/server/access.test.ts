import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects, startTestApp, type TestApp } from "../../test/harness.ts";

const PUBLIC = new Set([
  "GET /api/v1/session",
  "GET /api/v1/config",
  "GET /api/v1/categories",
  "GET /api/v1/categories/{code}",
  "GET /api/v1/models/{code}",
  "GET /api/v1/documents/{id}",
  "GET /api/v1/dev/mail",
]);
/** Authenticated by a signature over the body instead of a session. */
const SIGNED = new Map([["POST /api/v1/webhooks/smarthome", "webhook.signature"]]);

for (const dialect of dialects()) {
  describe(`who may call what, on ${dialect}`, () => {
    let t: TestApp;
    let operations: { method: string; path: string; service: boolean }[];
    beforeAll(async () => {
      t = await startTestApp(dialect, { SERVICE_API_KEYS: "factory:factory-secret-0123456789" });
      const doc = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json();
      operations = Object.entries(
        doc.paths as Record<string, Record<string, { security?: { serviceKey?: unknown }[] }>>,
      )
        .filter(([path]) => path.startsWith("/api/v1/"))
        .flatMap(([path, ops]) =>
          Object.entries(ops).map(([method, op]) => ({
            method: method.toUpperCase(),
            path,
            service: (op.security ?? []).some((s) => "serviceKey" in s),
          })),
        );
    });
    afterAll(() => t.close());

    it("documents every /api/v1 route in the OpenAPI document", () => {
      expect(operations.length).toBeGreaterThan(15);
    });

    it("answers 401 to every non-public route without credentials, before looking at the body", async () => {
      for (const op of operations) {
        if (PUBLIC.has(`${op.method} ${op.path}`)) continue;
        const signed = SIGNED.get(`${op.method} ${op.path}`);
        const url = op.path.replace(/\{[^}]+\}/g, "00000000-0000-4000-8000-000000000000");
        const res = await t.app.inject({
          method: op.method as "GET",
          url,
          ...(op.method === "GET" || op.method === "DELETE" ? {} : { payload: { not: "valid" } }),
        });
        expect(res.statusCode, `${op.method} ${op.path}`).toBe(401);
        expect(res.json().code, `${op.method} ${op.path}`).toBe(
          signed ?? (op.service ? "service.key_required" : "auth.required"),
        );
      }
    });

    it("answers the public routes without credentials", async () => {
      for (const key of PUBLIC) {
        const [method, path] = key.split(" ") as [string, string];
        const res = await t.app.inject({ method: method as "GET", url: path.replace(/\{[^}]+\}/g, "none") });
        expect([200, 404], key).toContain(res.statusCode);
      }
    });
  });
}
