import formbody from "@fastify/formbody";
import type { FastifyError, FastifyInstance, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import type { Clock } from "../../domain/clock.ts";
import { addressKey } from "../../server/access.ts";
import { requireActor } from "../../server/actor.ts";
import { createLimiter } from "../../server/limiter.ts";
import { problemResponses } from "../../server/openapi.ts";
import { Problem } from "../../server/problem.ts";
import { registrationSchema } from "../registration/schemas.ts";
import { decisionBody, deviceSchema, tvRegisterBody, userCodeParams } from "./schemas.ts";
import {
  DEVICE_CODE_GRANT,
  decideDevice,
  describeDevice,
  OAuthError,
  pollToken,
  registerTv,
  startDeviceAuthorization,
} from "./service.ts";
import { userCodeThrottle } from "./user-code-throttle.ts";

/**
 * Device grants one client address may start a minute. A TV or a scanner starts one and shows its
 * code for ten minutes; a household with several devices stays far below this, a flood does not.
 */
export const DEVICE_AUTHORIZATIONS_PER_MINUTE_PER_ADDRESS = 10;

/** The longest value of a form field we read; a device sends short codes, serials and model names. */
const MAX_FIELD_LENGTH = 256;
/** Marks a body that was not a form, so the endpoint answers `invalid_request` (RFC 8628 §3.1). */
const NOT_A_FORM = Symbol("not a form");

/**
 * The string fields of a form body. A field sent twice or an overlong one is refused, as
 * RFC 6749 §3.2 says; a body that is not a form is refused whole.
 */
function formFields(body: unknown): Record<string, string | undefined> {
  if (body === NOT_A_FORM || body === null || typeof body !== "object")
    throw new OAuthError("invalid_request", "send the parameters as application/x-www-form-urlencoded");
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value !== "string") throw new OAuthError("invalid_request", `${key} must not be repeated`);
    if (value.length > MAX_FIELD_LENGTH) throw new OAuthError("invalid_request", `${key} is too long`);
    fields[key] = value;
  }
  return fields;
}

/**
 * The OAuth 2.0 device authorization grant for TVs and the Wi-Fi scanner (RFC 8628) and its server
 * metadata (RFC 8414), so that stock OAuth clients find the endpoints. Requests are forms, as the
 * RFCs say; every refusal is the RFCs' JSON error (400 `invalid_request` for a body that is not a
 * form), not a problem document. Only the rate limits (429) keep the portal's problem document.
 */
export async function oauthRoutes(
  app: FastifyInstance,
  { database, config, clock }: { database: Database; config: Config; clock: Clock },
) {
  // Forms only: JSON, text and every other type are read (bounded) and refused by the endpoint.
  app.removeAllContentTypeParsers();
  await app.register(formbody, { bodyLimit: 4096 });
  app.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: 4096 }, (_request, _body, done) =>
    done(null, NOT_A_FORM),
  );
  app.addHook("onSend", async (_request, reply) => {
    reply.header("cache-control", "no-store");
  });
  app.setErrorHandler((error: FastifyError | Problem | OAuthError, _request, reply) => {
    if (error instanceof OAuthError) {
      return reply.status(400).send({
        error: error.error,
        error_description: error.message,
        ...(error.interval ? { interval: error.interval } : {}),
      });
    }
    const status = error instanceof Problem ? error.status : (error.statusCode ?? 500);
    if (status === 429 || status >= 500) throw error; // the portal's handler answers these
    // Any other refusal (a NUL character, a body too large) is the RFC's `invalid_request`; a
    // refusal of ours keeps its catalogue code beside it.
    return reply.status(400).send({
      error: "invalid_request",
      error_description: error.message,
      ...(error instanceof Problem ? { code: error.code } : {}),
    });
  });

  app.get("/.well-known/oauth-authorization-server", { schema: { hide: true } }, async () => ({
    issuer: config.publicUrl,
    device_authorization_endpoint: `${config.publicUrl}/oauth/device_authorization`,
    token_endpoint: `${config.publicUrl}/oauth/token`,
    grant_types_supported: [DEVICE_CODE_GRANT],
    response_types_supported: [],
    token_endpoint_auth_methods_supported: ["none"],
  }));

  // Anonymous, and each call writes a row: counted per client address, by the look-up limit and
  // by a stricter one of its own.
  const grantsPerAddress = createLimiter(
    [
      {
        name: "ip",
        max: DEVICE_AUTHORIZATIONS_PER_MINUTE_PER_ADDRESS,
        key: (request) => addressKey(request.ip),
      },
    ],
    clock,
  );
  app.post(
    "/oauth/device_authorization",
    { config: { limit: "lookup" }, onRequest: grantsPerAddress, schema: { hide: true } },
    async (request) => {
      const body = formFields(request.body);
      return startDeviceAuthorization(database, clock, config, {
        clientId: body.client_id,
        serial: body.serial,
        model: body.model,
      });
    },
  );

  app.post("/oauth/token", { schema: { hide: true } }, async (request) => {
    const body = formFields(request.body);
    return pollToken(database, clock, {
      grantType: body.grant_type,
      deviceCode: body.device_code,
      clientId: body.client_id,
    });
  });
}

/** Who types a user code, for the wrong-code throttle. */
const callerOf = (request: FastifyRequest) => ({
  account: requireActor(request).userId,
  address: addressKey(request.ip),
});

/** The owner's side of the device flow, and the TV's own registration call. */
export const tvRoutes: FastifyPluginAsyncZod<{ database: Database; config: Config; clock: Clock }> = async (
  app,
  { database, config, clock },
) => {
  const throttle = userCodeThrottle(clock);

  app.get(
    "/device/:userCode",
    {
      config: { limit: "lookup" },
      schema: {
        tags: ["TV"],
        summary: "What device asks to be connected with this code (the verification page)",
        params: userCodeParams,
        response: {
          200: deviceSchema,
          ...problemResponses(
            "auth.required",
            "auth.client_not_allowed",
            "device.code_invalid",
            "request.rate_limited",
          ),
        },
      },
    },
    async (request) => describeDevice(database, clock, throttle, callerOf(request), request.params.userCode),
  );

  app.post(
    "/device/:userCode/decision",
    {
      config: { limit: "lookup" },
      schema: {
        tags: ["TV"],
        summary: "Agree (and let the device sign in) or refuse",
        params: userCodeParams,
        body: decisionBody,
        response: {
          204: z.null(),
          ...problemResponses(
            "request.invalid",
            "auth.required",
            "auth.csrf",
            "auth.client_not_allowed",
            "device.code_invalid",
            "tv.not_supported",
            "request.rate_limited",
          ),
        },
      },
    },
    async (request, reply) => {
      const { userCode } = request.params;
      await decideDevice(
        database,
        clock,
        throttle,
        requireActor(request),
        callerOf(request),
        userCode,
        request.body.approve,
      );
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/tv/register",
    {
      config: { limit: "lookup", clients: ["tv"] },
      schema: {
        tags: ["TV"],
        summary: "The TV registers itself with its own serial and model (a TV token from the device grant)",
        body: tvRegisterBody,
        response: {
          201: registrationSchema,
          ...problemResponses(
            "request.invalid",
            "auth.required",
            "auth.client_not_allowed",
            "tv.not_this_tv",
            "auth.forbidden",
            "registration.taken",
            "registration.already_yours",
            "tv.model_unknown",
            "tv.not_supported",
            "tv.serial_mismatch",
            "identifier.not_found",
            "request.rate_limited",
          ),
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await registerTv(database, config, clock, requireActor(request), request.body)),
  );
};
