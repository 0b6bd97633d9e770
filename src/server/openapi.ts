import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { jsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";
import { z } from "zod";
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

type StatusOf<C> = C extends ErrorCode ? (typeof ERROR_CODES)[C] : C extends number ? C : never;

/**
 * Response entries for the errors a route can answer with, named by code: each status lists its
 * codes (from the catalogue, `src/server/error-codes.ts`) in the OpenAPI document.
 *
 * @example response: { 200: claimSchema, ...problemResponses("auth.required", "claim.not_found") }
 */
export function problemResponses<C extends ErrorCode | number>(
  ...codes: C[]
): Record<StatusOf<C>, z.ZodType> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const status = typeof code === "number" ? code : ERROR_CODES[code as ErrorCode];
    const list = byStatus.get(status) ?? [];
    if (typeof code !== "number") list.push(code as ErrorCode);
    byStatus.set(status, list);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      status,
      list.length === 0
        ? problemSchema
        : problemSchema
            .extend({ code: z.enum(list as [ErrorCode, ...ErrorCode[]]) })
            .meta({
              description: `A problem document; \`code\` is one of ${list.map((c) => `\`${c}\``).join(", ")}.`,
            }),
    ]),
  ) as unknown as Record<StatusOf<C>, z.ZodType>;
}

export async function registerOpenApi(app: FastifyInstance, publicUrl: string) {
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
