import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { jsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";
import { z } from "zod";
import { API_PREFIX, DEFAULT_CLIENTS } from "./access.ts";
import { CLIENTS, type Client } from "./actor.ts";
import { ERROR_CODES, type ErrorCode } from "./error-codes.ts";

/** The RFC 9457 problem document every error answers with. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().meta({ description: "Stable error code, e.g. `identifier.not_found`." }),
    detail: z.string(),
    instance: z.string().optional(),
  })
  .loose()
  .meta({ id: "Problem" });

type StatusOf<C extends ErrorCode> = (typeof ERROR_CODES)[C];

/** The codes each problem schema made here lists, so implied codes can be merged into it. */
const listedCodes = new WeakMap<z.ZodType, readonly ErrorCode[]>();

function problemSchemaFor(codes: readonly ErrorCode[]): z.ZodType {
  const schema = problemSchema.extend({ code: z.enum(codes as [ErrorCode, ...ErrorCode[]]) }).meta({
    description: `A problem document; \`code\` is one of ${codes.map((c) => `\`${c}\``).join(", ")}.`,
  });
  listedCodes.set(schema, codes);
  return schema;
}

/**
 * Response entries for the errors a route can answer with, named by code: each status lists its
 * codes (from the catalogue, `src/server/error-codes.ts`) in the OpenAPI document. The codes its
 * declared access, limit and schemas imply (`impliedCodes`) are added to every route anyway.
 *
 * @example response: { 200: claimSchema, ...problemResponses("claim.not_found", "claim.decided") }
 */
export function problemResponses<C extends ErrorCode>(...codes: C[]): Record<StatusOf<C>, z.ZodType> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const list = byStatus.get(ERROR_CODES[code]) ?? [];
    if (!list.includes(code)) list.push(code);
    byStatus.set(ERROR_CODES[code], list);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [status, problemSchemaFor(list)]),
  ) as Record<StatusOf<C>, z.ZodType>;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** What of a route the implied codes follow from (a subset of fastify's route options). */
export interface DeclaredRoute {
  method: string | string[];
  url: string;
  config?: {
    access?: "public" | "user" | "service" | "partner";
    clients?: readonly Client[];
    limit?: string;
  };
  schema?: { body?: unknown; params?: unknown; querystring?: unknown; response?: unknown };
}

/**
 * The codes an /api/v1 route can answer with because of what it declares, before its handler
 * runs: the caller check of its access and clients (`enforceAccess`), the CSRF check of a write,
 * its limit and the validation of its schemas.
 *
 * @example impliedCodes({ method: "GET", url: "/api/v1/me" }) // ["auth.required", "auth.client_not_allowed"]
 */
export function impliedCodes(route: DeclaredRoute): ErrorCode[] {
  if (!route.url.startsWith(API_PREFIX)) return [];
  const codes: ErrorCode[] = [];
  const access = route.config?.access ?? "user";
  if (access === "user") codes.push("auth.required");
  if (access === "service") codes.push("service.key_required", "service.key_invalid");
  if (access === "partner") codes.push("partner.key_required", "partner.key_invalid");
  const clients = route.config?.clients ?? DEFAULT_CLIENTS;
  if (CLIENTS.some((client) => !clients.includes(client))) codes.push("auth.client_not_allowed");
  // A signed-in browser's write without its CSRF token is refused on every route (`checkCsrf`).
  if ([route.method].flat().some((method) => !SAFE_METHODS.has(method))) codes.push("auth.csrf");
  if (route.config?.limit !== undefined) codes.push("request.rate_limited");
  const schema = route.schema ?? {};
  if (schema.body || schema.params || schema.querystring) codes.push("request.invalid");
  if (schema.body) codes.push("request.malformed_json", "request.too_large", "request.media_type");
  return codes;
}

/**
 * Codes any request can meet before a route is chosen or whatever route it is (the HTTP parser,
 * the input guard, a failure on our side): every route has them, so none lists them.
 */
const TRANSPORT_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  "request.nul_character",
  "request.timeout",
  "request.malformed",
  "request.headers_too_large",
  "request.uri_too_long",
  "request.bad_url",
  "route.not_found",
  "server.error",
]);

/**
 * Whether a route's response schema documents a code for its status (or the code is one every
 * route has). Tests use it to catch an answer the OpenAPI document does not tell clients about.
 *
 * @example isDocumentedCode(request.routeOptions.schema?.response, "claim.decided") // true
 */
export function isDocumentedCode(response: unknown, code: ErrorCode): boolean {
  if (TRANSPORT_CODES.has(code)) return true;
  const entry = (response as Record<string, z.ZodType | undefined> | undefined)?.[String(ERROR_CODES[code])];
  return entry !== undefined && (listedCodes.get(entry)?.includes(code) ?? false);
}

/**
 * Adds the implied codes to a route's `schema.response`, merged with the codes it lists itself.
 * Runs as an `onRoute` hook: that is before fastify compiles the route's serializers and before
 * the OpenAPI document is made from its schema, so both see the merged entries.
 */
export function documentImpliedCodes(route: DeclaredRoute): void {
  const implied = impliedCodes(route);
  if (implied.length === 0) return;
  route.schema ??= {};
  route.schema.response ??= {};
  const response = route.schema.response as Record<string, z.ZodType | undefined>;
  for (const [status, entry] of Object.entries(problemResponses(...implied)) as [string, z.ZodType][]) {
    const existing = response[status];
    const listed = existing ? listedCodes.get(existing) : [];
    // A status the route documents with a schema of its own, not `problemResponses`: left as it is.
    if (listed === undefined) continue;
    const merged = [...new Set([...listed, ...(listedCodes.get(entry) ?? [])])];
    response[status] = problemSchemaFor(merged);
  }
}

/** Registers the OpenAPI document; before the routes, so each route's implied codes are added. */
export async function registerOpenApi(app: FastifyInstance, publicUrl: string) {
  app.addHook("onRoute", documentImpliedCodes);
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Owner Portal API",
        version: "1.0.0",
        description:
          "Register products, follow their warranty and repairs. Web clients use the session cookie and send " +
          "`x-csrf-token` (from `GET /api/v1/session`) on writes; apps send `Authorization: Bearer <token>` " +
          "(the token comes in the `set-auth-token` header of `POST /api/auth/sign-in/email`). Errors are " +
          "`application/problem+json` with a stable `code`.",
      },
      servers: [{ url: publicUrl }],
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: "portal.session_token" },
          bearer: { type: "http", scheme: "bearer" },
          serviceKey: { type: "apiKey", in: "header", name: "x-service-key" },
          partnerKey: { type: "apiKey", in: "header", name: "x-partner-key" },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, {
    routePrefix: "/api/docs",
    staticCSP: true,
    transformStaticCSP: (header) => header,
    uiConfig: { docExpansion: "list", deepLinking: true },
  });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());
}
