import type { Readable } from "node:stream";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Database } from "../../db/database.ts";
import { ndjsonLines } from "../../server/ndjson.ts";
import { problemResponses } from "../../server/openapi.ts";
import { Problem } from "../../server/problem.ts";
import { ImportFormatError, importUnits, type Rejection } from "./import.ts";

const MAX_REJECTIONS_SHOWN = 1000;

export const unitImportResultSchema = z.object({
  rows: z.number().int(),
  written: z.number().int().meta({ description: "Units inserted or changed." }),
  unchanged: z.number().int().meta({ description: "Units already stored with the same values." }),
  rejected: z.number().int(),
  rejections: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  seconds: z.number(),
  rowsPerSecond: z.number(),
});

/** The factory feed over HTTP: NDJSON streamed in, a summary and the rejected lines out. */
export const unitRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (app, { database }) => {
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
        response: { 200: unitImportResultSchema, ...problemResponses(400, 401, 413, 415) },
      },
    },
    async (request) => {
      const rejections: Rejection[] = [];
      try {
        const summary = await importUnits(database, ndjsonLines(request.body as Readable), {
          format: "ndjson",
          maxLines: 1_000_000,
          onReject(rejection) {
            if (rejections.length < MAX_REJECTIONS_SHOWN) rejections.push(rejection);
          },
        });
        request.log.info({ service: "units", ...summary }, "unit import");
        return { ...summary, rejections: rejections.sort((a, b) => a.line - b.line) };
      } catch (error) {
        if (error instanceof ImportFormatError) throw new Problem("import.format", error.message);
        throw error;
      }
    },
  );
};
