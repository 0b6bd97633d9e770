import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import type { Clock } from "../../domain/clock.ts";
import { holdsNul, nulCharacter } from "../../server/input-guard.ts";
import { problemResponses } from "../../server/openapi.ts";
import { Problem } from "../../server/problem.ts";
import { smarthomeEventResultSchema, smarthomeEventSchema } from "./schemas.ts";
import { applySmarthomeEvent, checkSmarthomeDelivery } from "./service.ts";

/** The smart-home platform's signed webhook (R6). */
export const smarthomeRoutes: FastifyPluginAsyncZod<{
  database: Database;
  config: Config;
  clock: Clock;
}> = async (app, { database, config, clock }) => {
  // The signature covers the exact bytes sent, so this route reads its body as text.
  app.addContentTypeParser(
    "application/json",
    { parseAs: "string", bodyLimit: 64 * 1024 },
    (_request, body, done) => done(null, body),
  );

  app.post(
    "/webhooks/smarthome",
    {
      config: { access: "public" },
      schema: {
        tags: ["Smart home"],
        summary: "A device was paired or removed in the smart-home app",
        description:
          'Signed: `x-smarthome-timestamp` (Unix seconds) and `x-smarthome-signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">` ' +
          "with the shared secret; refused more than five minutes off. Idempotent by event `id`. Body (JSON): " +
          JSON.stringify(z.toJSONSchema(smarthomeEventSchema, { io: "input" })),
        response: {
          200: smarthomeEventResultSchema,
          ...problemResponses(
            "request.invalid",
            "request.malformed_json",
            "request.nul_character",
            "webhook.signature",
            "webhook.stale",
            "request.too_large",
            "request.media_type",
            "webhook.unknown_account",
            "webhook.not_configured",
          ),
        },
      },
    },
    async (request) => {
      const raw = typeof request.body === "string" ? request.body : "";
      const header = (name: string) => {
        const value = request.headers[name];
        return typeof value === "string" ? value : undefined;
      };
      checkSmarthomeDelivery(
        config,
        clock,
        { timestamp: header("x-smarthome-timestamp"), signature: header("x-smarthome-signature") },
        raw,
      );
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        throw new Problem("request.malformed_json", "The request body is not valid JSON.");
      }
      if (holdsNul(json)) throw nulCharacter();
      const event = smarthomeEventSchema.safeParse(json);
      if (!event.success) {
        throw new Problem("request.invalid", "The event has fields that are missing or invalid.", {
          fields: event.error.issues.map((i) => ({ path: `body.${i.path.join(".")}`, message: i.message })),
        });
      }
      return applySmarthomeEvent(database, config, clock, event.data);
    },
  );
};
