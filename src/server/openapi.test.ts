import swagger from "@fastify/swagger";
import Fastify from "fastify";
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { dialects, startTestApp, type TestApp } from "../../test/harness.ts";
import { ERROR_CODES, type ErrorCode, isErrorCode } from "./error-codes.ts";
import { installErrorHandler } from "./error-handler.ts";
import { documentImpliedCodes, problemResponses } from "./openapi.ts";
import { Problem } from "./problem.ts";

interface Operation {
  method: string;
  path: string;
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
}
interface JsonSchema {
  $ref?: string;
  properties?: { code?: { enum?: string[] } };
}

/** The codes the document names for each error status of an operation (none when it names none). */
function documentedCodes(op: Operation): Map<number, string[]> {
  const byStatus = new Map<number, string[]>();
  for (const [status, response] of Object.entries(op.responses)) {
    if (Number(status) < 400) continue;
    const schemas = Object.values(response.content ?? {}).map((c) => c.schema ?? {});
    byStatus.set(
      Number(status),
      schemas.flatMap((s) => s.properties?.code?.enum ?? []),
    );
  }
  return byStatus;
}

for (const dialect of dialects()) {
  describe(`the codes the OpenAPI document lists, on ${dialect}`, () => {
    let t: TestApp;
    let operations: Operation[];
    beforeAll(async () => {
      t = await startTestApp(dialect);
      const doc = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json();
      operations = Object.entries(doc.paths as Record<string, Record<string, Operation>>)
        .filter(([path]) => path.startsWith("/api/v1/"))
        .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ ...op, method, path })));
    });
    afterAll(() => t.close());

    it("names, in every problem response of every /api/v1 route, only codes of the catalogue with that status", () => {
      expect(operations.length).toBeGreaterThan(15);
      const wrong: string[] = [];
      for (const op of operations) {
        for (const [status, codes] of documentedCodes(op)) {
          const where = `${op.method.toUpperCase()} ${op.path} ${status}`;
          if (codes.length === 0) wrong.push(`${where}: names no code`);
          for (const code of codes) {
            if (!isErrorCode(code)) wrong.push(`${where}: ${code} is not in the catalogue`);
            else if (ERROR_CODES[code] !== status) wrong.push(`${where}: ${code} is a ${ERROR_CODES[code]}`);
          }
        }
      }
      expect(wrong).toEqual([]);
    });

    it("documents on every /api/v1 route the codes its declared access, limit and schemas imply", () => {
      const missing: string[] = [];
      for (const op of operations) {
        const method = op.method.toUpperCase();
        const url = op.path.replace(/\{([^}]+)\}/g, ":$1");
        const declared = t.app.routeTable.find((r) => r.url === url && r.methods.includes(method));
        expect(declared, `${method} ${op.path} is in the route table`).toBeDefined();
        const expected: ErrorCode[] = [];
        const access = declared?.access ?? "user";
        if (access === "user") expected.push("auth.required");
        if (access === "service") expected.push("service.key_required");
        if (declared?.limit === "lookup") expected.push("request.rate_limited");
        if ((op.parameters?.length ?? 0) > 0 || op.requestBody) expected.push("request.invalid");
        const documented = documentedCodes(op);
        for (const code of expected) {
          if (!documented.get(ERROR_CODES[code])?.includes(code))
            missing.push(`${method} ${op.path}: ${code}`);
        }
      }
      expect(missing).toEqual([]);
    });
  });
}

describe("the codes a route implies, added when the route is declared", () => {
  async function appWith(register: (app: ReturnType<typeof Fastify>) => void) {
    const app = Fastify().withTypeProvider<ZodTypeProvider>();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    await app.register(swagger, {
      openapi: { openapi: "3.1.0", info: { title: "test", version: "1" } },
      transform: jsonSchemaTransform,
      transformObject: jsonSchemaTransformObject,
    });
    app.addHook("onRoute", documentImpliedCodes);
    installErrorHandler(app);
    register(app);
    await app.ready();
    return app;
  }

  it("merges them with the codes the route lists itself, in the document", async () => {
    const app = await appWith((app) =>
      app.post(
        "/api/v1/claims/:id/reply",
        {
          schema: {
            params: z.object({ id: z.string() }),
            response: {
              200: z.object({ ok: z.boolean() }),
              ...problemResponses("auth.forbidden", "claim.decided"),
            },
          },
        },
        async () => ({ ok: true }),
      ),
    );
    const op = app.swagger().paths?.["/api/v1/claims/{id}/reply"]?.post as unknown as Operation;
    const codes = documentedCodes(op);
    expect(codes.get(401)).toEqual(["auth.required"]);
    expect(codes.get(403)).toEqual(["auth.forbidden", "auth.client_not_allowed", "auth.csrf"]);
    expect(codes.get(400)).toEqual(["request.invalid"]);
    expect(codes.get(409)).toEqual(["claim.decided"]);
    await app.close();
  });

  it("documents a service key, a limit and no client refusal where the route declares them", async () => {
    const app = await appWith((app) =>
      app.get(
        "/api/v1/units/:serial",
        { config: { access: "service", limit: "lookup", clients: ["web", "app", "tv", "scanner"] } },
        async () => ({}),
      ),
    );
    const op = app.swagger().paths?.["/api/v1/units/{serial}"]?.get as unknown as Operation;
    const codes = documentedCodes(op);
    expect(codes.get(401)).toEqual(["service.key_required", "service.key_invalid"]);
    expect(codes.get(429)).toEqual(["request.rate_limited"]);
    expect(codes.has(403)).toBe(false);
    await app.close();
  });

  it("adds nothing to a route outside /api/v1", async () => {
    const app = await appWith((app) => app.get("/readyz", async () => "ok"));
    const op = app.swagger().paths?.["/readyz"]?.get as unknown as Operation;
    expect(documentedCodes(op).size).toBe(0);
    await app.close();
  });

  it("lets a code the document does not list reach the client as itself, not as a 500", async () => {
    const app = await appWith((app) =>
      app.get(
        "/api/v1/things",
        {
          config: { access: "public" },
          schema: { response: { 200: z.object({}), ...problemResponses("claim.decided") } },
        },
        async () => {
          throw new Problem("claim.open_exists", "This product has an open claim already.");
        },
      ),
    );
    const res = await app.inject({ method: "GET", url: "/api/v1/things" });
    expect(res.statusCode).toBe(409);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json()).toMatchObject({ status: 409, code: "claim.open_exists" });
    await app.close();
  });
});
