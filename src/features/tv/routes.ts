import formbody from "@fastify/formbody";
import type { FastifyInstance } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import { requireActor } from "../../server/actor.ts";
import { problemResponses } from "../../server/openapi.ts";
import type { Auth } from "../accounts/auth.ts";
import { modelSummarySchema } from "../catalogue/schemas.ts";
import { registrationSchema } from "../registration/schemas.ts";
import {
  DEVICE_CODE_GRANT,
  decideDevice,
  describeDevice,
  OAuthError,
  pollToken,
  registerTv,
  startDeviceAuthorization,
} from "./service.ts";

type Body = Record<string, string | undefined>;

/** The longest value of a form field we read; a TV sends short codes, serials and model names. */
const MAX_FIELD_LENGTH = 256;

/**
 * The string fields of a form body. A repeated field (an array) or an overlong one is left out,
 * so the grant's own checks answer `invalid_request` for it.
 */
function formFields(body: unknown): Body {
  const fields: Body = {};
  if (body === null || typeof body !== "object") return fields;
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === "string" && value.length <= MAX_FIELD_LENGTH) fields[key] = value;
  }
  return fields;
}

/**
 * The OAuth 2.0 device authorization grant for TVs (RFC 8628) and its server metadata
 * (RFC 8414), so that stock OAuth clients find the endpoints. Requests are form-encoded, as the
 * RFCs say; errors are the RFCs' JSON errors, not problem documents.
 */
export async function oauthRoutes(
  app: FastifyInstance,
  { database, config, auth }: { database: Database; config: Config; auth: Auth },
) {
  await app.register(formbody);
  const answer = async (reply: import("fastify").FastifyReply, work: () => Promise<object>) => {
    reply.header("cache-control", "no-store");
    try {
      return reply.send(await work());
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      return reply.status(400).send({
        error: error.error,
        error_description: error.message,
        ...(error.interval ? { interval: error.interval } : {}),
      });
    }
  };

  app.get("/.well-known/oauth-authorization-server", { schema: { hide: true } }, async () => ({
    issuer: config.publicUrl,
    device_authorization_endpoint: `${config.publicUrl}/oauth/device_authorization`,
    token_endpoint: `${config.publicUrl}/oauth/token`,
    grant_types_supported: [DEVICE_CODE_GRANT],
    response_types_supported: [],
    token_endpoint_auth_methods_supported: ["none"],
  }));

  // Anonymous: each call writes a row, so it is counted per client address.
  app.post(
    "/oauth/device_authorization",
    { config: { limit: "lookup" }, schema: { hide: true } },
    async (request, reply) => {
      const body = formFields(request.body);
      return answer(reply, () =>
        startDeviceAuthorization(database, config, {
          clientId: body.client_id ?? "",
          serial: body.serial,
          model: body.model,
        }),
      );
    },
  );

  app.post("/oauth/token", { schema: { hide: true } }, async (request, reply) => {
    const body = formFields(request.body);
    return answer(reply, () =>
      pollToken(database, auth, {
        grantType: body.grant_type,
        deviceCode: body.device_code,
        clientId: body.client_id,
      }),
    );
  });
}

const deviceSchema = z.object({
  userCode: z.string(),
  model: modelSummarySchema.nullable(),
  serialMasked: z.string().nullable(),
  selfRegistrationAllowed: z.boolean(),
});
const codeParams = z.object({ userCode: z.string().max(20) });

/** The owner's side of the TV flow, and the TV's own registration call. */
export const tvRoutes: FastifyPluginAsyncZod<{ database: Database; config: Config }> = async (
  app,
  { database, config },
) => {
  app.get(
    "/device/:userCode",
    {
      config: { limit: "lookup" },
      schema: {
        tags: ["TV"],
        summary: "What TV asks to be connected with this code (the verification page)",
        params: codeParams,
        response: { 200: deviceSchema, ...problemResponses(401, 404) },
      },
    },
    async (request) => {
      requireActor(request);
      return describeDevice(database, request.params.userCode);
    },
  );

  app.post(
    "/device/:userCode/decision",
    {
      config: { limit: "lookup" },
      schema: {
        tags: ["TV"],
        summary: "Agree (and let the TV register itself) or refuse",
        params: codeParams,
        body: z.strictObject({ approve: z.boolean() }),
        response: { 204: z.null(), ...problemResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      await decideDevice(database, requireActor(request), request.params.userCode, request.body.approve);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/tv/register",
    {
      config: { limit: "lookup" },
      schema: {
        tags: ["TV"],
        summary: "The TV registers itself with its own serial and model (token from the device grant)",
        body: z.strictObject({ serial: z.string().max(60), model: z.string().max(64) }),
        response: { 201: registrationSchema, ...problemResponses(400, 401, 409, 422) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await registerTv(database, config, requireActor(request), request.body)),
  );
};
