import type { Readable } from "node:stream";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Database } from "../../db/database.ts";
import type { Clock } from "../../domain/clock.ts";
import { ndjsonLines } from "../../server/ndjson.ts";
import { problemResponses } from "../../server/openapi.ts";
import { unitImportResultSchema } from "./schemas.ts";
import { importUnitFeed } from "./service.ts";

/** The factory feed over HTTP: NDJSON streamed in, a summary and the rejected lines out. */
export const unitRoutes: FastifyPluginAsyncZod<{ database: Database; clock: Clock }> = async (
  app,
  { database, clock },
) => {
  app.post(
    "/service/units",
    {
      config: { access: "service" },
      schema: {
        tags: ["Manufacturer systems"],
        summary: "Bulk import units (NDJSON, one unit per line); idempotent",
        description:
          'Content-Type `application/x-ndjson`. Each line: `{"serial": "…", "model": "…", "imei1"?: "…", "imei2"?: "…", ' +
          '"manufacturedOn"?: "YYYY-MM-DD", "market"?: "NO"}`. Bad lines are rejected with their number and reason; ' +
          "the rest are stored. Sending the same file again changes nothing. At most 1,000,000 lines per request, " +
          "64 KiB per line and 512 MiB in all (413 `request.line_too_long` or `request.too_large`; the lines before it are stored).",
        security: [{ serviceKey: [] }],
        response: {
          200: unitImportResultSchema,
          ...problemResponses(
            "import.format",
            "request.invalid",
            "request.stream_broken",
            "request.nul_character",
            "service.key_required",
            "service.key_invalid",
            "request.too_large",
            "request.line_too_long",
            "request.media_type",
          ),
        },
      },
    },
    async (request) => {
      const result = await importUnitFeed(database, clock, ndjsonLines(request.body as Readable));
      const { rejections: _shown, ...summary } = result;
      request.log.info({ service: "units", ...summary }, "unit import");
      return result;
    },
  );
};
