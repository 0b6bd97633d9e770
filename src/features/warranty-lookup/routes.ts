import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import type { Clock } from "../../domain/clock.ts";
import { createLimiter } from "../../server/limiter.ts";
import { problemResponses } from "../../server/openapi.ts";
import {
  lookupClientCreatedSchema,
  lookupClientInputSchema,
  lookupClientListSchema,
  lookupClientParams,
  MAX_IDENTIFIERS,
  warrantyLookupResultSchema,
  warrantyLookupSchema,
} from "./schemas.ts";
import {
  createLookupClient,
  type LookupCredential,
  lookUpWarranties,
  lookupClients,
  lookupCredentialOf,
  revokeLookupClientKey,
} from "./service.ts";

interface WarrantyLookupRouteOptions {
  database: Database;
  config: Config;
  clock: Clock;
}

const TAGS = ["Partners: warranty look-up"];

/**
 * The partners' warranty look-up (DESIGN B9) and the operator's look-up clients. The look-up takes
 * a look-up client's key or a service partner's in `x-partner-key`: the header is required before
 * anything else (`config.access`), then the key is found and its calls a minute counted, all before
 * the body is read. Every answer carries the call's tracking id in `x-tracking-id`.
 */
export const warrantyLookupRoutes: FastifyPluginAsyncZod<WarrantyLookupRouteOptions> = async (
  app,
  { database, config, clock },
) => {
  const callers = new WeakMap<FastifyRequest, LookupCredential>();
  const perCredential = createLimiter(
    [
      {
        name: "credential",
        max: (request) => callers.get(request)?.perMinute ?? 0,
        key: (request) => {
          const caller = callers.get(request);
          return caller ? `${caller.kind}:${caller.id}` : null;
        },
      },
    ],
    clock,
  );

  app.post(
    "/partner/warranty-lookup",
    {
      config: { access: "partner" },
      onRequest: async (request) => {
        callers.set(request, await lookupCredentialOf(database, request.headers["x-partner-key"]));
        await perCredential(request);
      },
      onSend: async (request, reply) => {
        reply.header("x-tracking-id", request.id);
      },
      schema: {
        tags: TAGS,
        summary: `The warranty of up to ${MAX_IDENTIFIERS} units you hold, by serial number or IMEI`,
        description:
          "Send your look-up key (or your service-partner key) in `x-partner-key`. Each identifier gets one entry, in " +
          "the order sent: `found: false` for one we do not know or that cannot be a serial or IMEI, else the unit's " +
          "model, every coverage (manufacturer, registration bonus, extended, repair) with its dates and status, and " +
          "the statutory complaint period. Nothing about the owner is ever answered. Each key has its own calls a " +
          "minute (60 unless agreed otherwise); over it the answer is 429 with `Retry-After`. Every answer carries " +
          "`x-tracking-id`, and a successful one `trackingId` too: quote it when you ask us about a call.",
        security: [{ partnerKey: [] }],
        body: warrantyLookupSchema,
        response: {
          200: warrantyLookupResultSchema,
          ...problemResponses(
            "partner.key_required",
            "partner.key_invalid",
            "request.rate_limited",
            "request.invalid",
            "request.malformed_json",
            "request.too_large",
            "request.media_type",
          ),
        },
      },
    },
    async (request) => ({
      trackingId: request.id,
      units: await lookUpWarranties(database, config, clock, request.body.identifiers),
    }),
  );

  const service = { access: "service" as const };
  const security = [{ serviceKey: [] }];

  app.post(
    "/service/lookup-clients",
    {
      config: service,
      schema: {
        tags: TAGS,
        summary: "Give a partner a warranty look-up key (shown once)",
        description:
          "The key (`wl_…`) is in this answer only: the portal keeps its SHA-256. `perMinute` is the look-ups a minute " +
          "the key may make (default 60).",
        security,
        body: lookupClientInputSchema,
        response: {
          201: lookupClientCreatedSchema,
          ...problemResponses(
            "service.key_required",
            "service.key_invalid",
            "request.invalid",
            "request.malformed_json",
            "request.too_large",
            "request.media_type",
          ),
        },
      },
    },
    async (request, reply) => reply.status(201).send(await createLookupClient(database, clock, request.body)),
  );

  app.get(
    "/service/lookup-clients",
    {
      config: service,
      schema: {
        tags: TAGS,
        summary: "The partners with a warranty look-up key, revoked ones too (never the keys)",
        security,
        response: {
          200: lookupClientListSchema,
          ...problemResponses("service.key_required", "service.key_invalid"),
        },
      },
    },
    async () => ({ clients: await lookupClients(database) }),
  );

  app.delete(
    "/service/lookup-clients/:id",
    {
      config: service,
      schema: {
        tags: TAGS,
        summary: "Revoke a partner's warranty look-up key: its next call is refused",
        description: "Revoking a key already revoked changes nothing.",
        security,
        params: lookupClientParams,
        response: {
          204: z.null(),
          ...problemResponses(
            "service.key_required",
            "service.key_invalid",
            "request.invalid",
            "lookup_client.not_found",
          ),
        },
      },
    },
    async (request, reply) => {
      await revokeLookupClientKey(database, clock, request.params.id);
      return reply.status(204).send(null);
    },
  );
};
