import type { Readable } from "node:stream";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import { ndjsonLines } from "../../server/ndjson.ts";
import { problemResponses } from "../../server/openapi.ts";
import { Problem } from "../../server/problem.ts";
import {
  ConfirmationError,
  confirmationResultSchema,
  confirmationSchema,
  receiveConfirmation,
  receiveConfirmationLines,
} from "./confirmations.ts";

/** Purchase confirmations from the web shop and phone activations (R13), single or NDJSON bulk. */
export const confirmationRoutes: FastifyPluginAsyncZod<{ database: Database; config: Config }> = async (
  app,
  { database, config },
) => {
  app.post(
    "/service/confirmations",
    {
      config: { access: "service" },
      schema: {
        tags: ["Manufacturer systems"],
        summary: "Confirm a purchase date: a web-shop delivery or a phone activation; idempotent",
        description:
          '`{"source": "shop-order", "orderId": "…", "identifier": "serial or IMEI", "deliveredOn": "YYYY-MM-DD"}` or ' +
          '`{"source": "activation", "imei": "…", "activatedOn": "YYYY-MM-DD"}`. Kept even for a unit not in the registry yet.',
        security: [{ serviceKey: [] }],
        body: confirmationSchema,
        response: { 200: confirmationResultSchema, ...problemResponses(400, 401, 422) },
      },
    },
    async (request) => {
      try {
        return await receiveConfirmation(database, config.timeZone, request.body);
      } catch (error) {
        if (error instanceof ConfirmationError) throw new Problem(error.code, error.message);
        throw error;
      }
    },
  );

  app.post(
    "/service/confirmations/bulk",
    {
      config: { access: "service" },
      schema: {
        tags: ["Manufacturer systems"],
        summary: "Confirm many purchase dates: NDJSON, one confirmation per line; idempotent",
        security: [{ serviceKey: [] }],
        response: {
          200: z.object({
            stored: z.number().int(),
            updated: z.number().int(),
            unchanged: z.number().int(),
            rejected: z.number().int(),
            rejections: z.array(z.object({ line: z.number().int(), reason: z.string() })),
          }),
          ...problemResponses(400, 401, 413, 415),
        },
      },
    },
    async (request) => {
      const rejections: { line: number; reason: string }[] = [];
      try {
        const counts = await receiveConfirmationLines(
          database,
          config.timeZone,
          ndjsonLines(request.body as Readable),
          (rejection) => {
            if (rejections.length < 1000) rejections.push(rejection);
          },
        );
        return { ...counts, rejections };
      } catch (error) {
        if (error instanceof ConfirmationError) throw new Problem(error.code, error.message);
        throw error;
      }
    },
  );
};
