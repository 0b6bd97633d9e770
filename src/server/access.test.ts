import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deviceToken, freshOwner } from "../../test/factories.ts";
import { seedCatalogue } from "../../test/fixtures.ts";
import { dialects, startTestApp, type TestApp } from "../../test/harness.ts";

const PUBLIC = new Set([
  "GET /api/v1/session",
  "GET /api/v1/config",
  "GET /api/v1/categories",
  "GET /api/v1/categories/{code}",
  "GET /api/v1/models/{code}",
  "GET /api/v1/documents/{id}",
  "GET /api/v1/dev/mail",
  "GET /api/v1/track/{token}",
  "GET /api/v1/content/images/{id}",
  "GET /api/v1/faq",
]);
/** Authenticated by a signature over the body instead of a session. */
const SIGNED = new Map([["POST /api/v1/webhooks/smarthome", "webhook.signature"]]);

for (const dialect of dialects()) {
  describe(`who may call what, on ${dialect}`, () => {
    let t: TestApp;
    let operations: { method: string; path: string; service: boolean; partner: boolean }[];
    beforeAll(async () => {
      t = await startTestApp(dialect, { SERVICE_API_KEYS: "factory:factory-secret-0123456789" });
      const doc = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json();
      operations = Object.entries(
        doc.paths as Record<string, Record<string, { security?: Record<string, unknown>[] }>>,
      )
        .filter(([path]) => path.startsWith("/api/v1/"))
        .flatMap(([path, ops]) =>
          Object.entries(ops).map(([method, op]) => ({
            method: method.toUpperCase(),
            path,
            service: (op.security ?? []).some((s) => "serviceKey" in s),
            partner: (op.security ?? []).some((s) => "partnerKey" in s),
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
          signed ??
            (op.service ? "service.key_required" : op.partner ? "partner.key_required" : "auth.required"),
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

/** The one route each device client reaches; every other /api/v1 route refuses its token. */
const DEVICE_ROUTES = { tv: "POST /api/v1/tv/register", scanner: "POST /api/v1/discovered" } as const;

for (const dialect of dialects()) {
  describe(`what a device token may call, on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect, {
        LOOKUPS_PER_MINUTE_ACCOUNT: "10000",
        LOOKUPS_PER_MINUTE_IP: "10000",
      });
      await seedCatalogue(t.database);
    });
    afterAll(() => t.close());

    const apiRoutes = () =>
      t.app.routeTable
        .filter((r) => r.url.startsWith("/api/v1/"))
        .flatMap((r) =>
          r.methods.filter((m) => m !== "HEAD" && m !== "OPTIONS").map((method) => ({ ...r, method })),
        );

    it("names a device client on exactly the TV's and the scanner's routes", () => {
      const declared = apiRoutes()
        .filter((r) => r.clients !== undefined)
        .map((r) => `${r.method} ${r.url} ${r.clients?.join(",")}`)
        .sort();
      expect(declared).toEqual(["POST /api/v1/discovered web,app,scanner", "POST /api/v1/tv/register tv"]);
    });

    for (const client of ["tv", "scanner"] as const) {
      it(`answers a ${client} token 403 auth.client_not_allowed on every other route, before reading the body`, async () => {
        const owner = await freshOwner(t);
        const device = await deviceToken(t, owner, client);
        const routes = apiRoutes();
        expect(routes.length).toBeGreaterThan(20);
        for (const route of routes) {
          const key = `${route.method} ${route.url}`;
          if (key === DEVICE_ROUTES[client]) continue;
          const res = await t.app.inject({
            method: route.method as "GET",
            url: route.url.replace(/:[A-Za-z]+/g, "00000000-0000-4000-8000-000000000000"),
            headers: device.headers,
            ...(route.method === "GET" || route.method === "DELETE" ? {} : { payload: { not: "valid" } }),
          });
          if (route.access === "service") {
            expect(res.json().code, key).toBe("service.key_required");
          } else if (route.access === "partner") {
            // A partner's route takes a partner's key, whoever else calls.
            expect(res.json().code, key).toBe("partner.key_required");
          } else {
            expect(res.statusCode, key).toBe(403);
            expect(res.json().code, key).toBe("auth.client_not_allowed");
          }
        }
      });
    }
  });
}
