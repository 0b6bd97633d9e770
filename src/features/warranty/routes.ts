import type { Readable } from "node:stream";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import type { Clock } from "../../domain/clock.ts";
import { requireActor } from "../../server/actor.ts";
import { ndjsonLines } from "../../server/ndjson.ts";
import { problemResponses } from "../../server/openapi.ts";
import { Problem } from "../../server/problem.ts";
import { calendarFeed, calendarLink, replaceCalendarLink, turnOffCalendar } from "./calendar.ts";
import { ConfirmationError, receiveConfirmation, receiveConfirmationLines } from "./confirmations.ts";
import { importUnitCoverageLines, importWarrantyPlans } from "./coverage-import.ts";
import {
  calendarFeedParamsSchema,
  calendarLinkSchema,
  confirmationLinesResultSchema,
  confirmationResultSchema,
  confirmationSchema,
  type UnitCoverageRejection,
  unitCoverageLinesResultSchema,
  warrantyPlanListSchema,
} from "./schemas.ts";

interface WarrantyRouteOptions {
  database: Database;
  config: Config;
  clock: Clock;
}

function asProblem(error: unknown): unknown {
  return error instanceof ConfirmationError ? new Problem(error.code, error.message) : error;
}

/** Purchase confirmations from the web shop and phone activations (R13), single or NDJSON bulk. */
export const confirmationRoutes: FastifyPluginAsyncZod<WarrantyRouteOptions> = async (
  app,
  { database, config, clock },
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
        response: {
          200: confirmationResultSchema,
          ...problemResponses(
            "request.invalid",
            "request.malformed_json",
            "request.nul_character",
            "service.key_required",
            "service.key_invalid",
            "request.too_large",
            "request.media_type",
            "confirmation.date_future",
            "confirmation.date_before_manufacture",
            "confirmation.imei_invalid",
            "confirmation.identifier_invalid",
          ),
        },
      },
    },
    async (request) => {
      try {
        return await receiveConfirmation(database, clock, config, request.body);
      } catch (error) {
        throw asProblem(error);
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
          200: confirmationLinesResultSchema,
          ...problemResponses(
            "import.format",
            "request.invalid",
            "request.malformed_json",
            "request.nul_character",
            "request.stream_broken",
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
      const rejections: { line: number; reason: string }[] = [];
      try {
        const counts = await receiveConfirmationLines(
          database,
          clock,
          config,
          ndjsonLines(request.body as Readable),
          (rejection) => {
            if (rejections.length < 1000) rejections.push(rejection);
          },
        );
        return { ...counts, rejections };
      } catch (error) {
        throw asProblem(error);
      }
    },
  );
};

/**
 * The operator's extended-warranty products and their sales per unit (issue 16): the products as
 * a list that replaces each one named, the sales as NDJSON lines, each refused with a code when
 * it cannot be right.
 */
export const coverageImportRoutes: FastifyPluginAsyncZod<WarrantyRouteOptions> = async (
  app,
  { database, config, clock },
) => {
  app.put(
    "/service/warranty-plans",
    {
      config: { access: "service" },
      schema: {
        tags: ["Manufacturer systems"],
        summary: "Store the extended-warranty products sold: months, what each covers, the terms",
        security: [{ serviceKey: [] }],
        body: warrantyPlanListSchema,
        response: {
          200: z.object({ stored: z.number().int() }),
          ...problemResponses(
            "request.invalid",
            "request.malformed_json",
            "request.nul_character",
            "service.key_required",
            "service.key_invalid",
            "request.too_large",
            "request.media_type",
          ),
        },
      },
    },
    async (request) => importWarrantyPlans(database, clock, request.body),
  );

  app.post(
    "/service/unit-coverages",
    {
      config: { access: "service" },
      schema: {
        tags: ["Manufacturer systems"],
        summary: "Import sales of extended warranties: NDJSON, one unit per line; idempotent",
        description:
          '`{"identifier": "serial or IMEI", "plan": "CODE", "startsOn": "YYYY-MM-DD", "endsOn": "YYYY-MM-DD", "reference": "order number"}`. ' +
          "A line is refused with its code when its dates are inverted (`coverage.dates_inverted`), when it overlaps another " +
          "extended warranty of the unit (`coverage.overlap`), or when the product or unit is unknown.",
        security: [{ serviceKey: [] }],
        response: {
          200: unitCoverageLinesResultSchema,
          ...problemResponses(
            "request.invalid",
            "request.stream_broken",
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
      const rejections: UnitCoverageRejection[] = [];
      const counts = await importUnitCoverageLines(
        database,
        clock,
        config,
        ndjsonLines(request.body as Readable),
        (rejection) => {
          if (rejections.length < 1000) rejections.push(rejection);
        },
      );
      return { ...counts, rejections };
    },
  );
};

/** The owner's private calendar feed (B5): the link, a new link, no link; and the feed itself. */
export const calendarRoutes: FastifyPluginAsyncZod<WarrantyRouteOptions> = async (
  app,
  { database, config, clock },
) => {
  app.get(
    "/api/v1/me/calendar",
    {
      schema: {
        tags: ["Warranty"],
        summary: "My private calendar feed link (made on first use)",
        response: {
          200: calendarLinkSchema,
          ...problemResponses("auth.required", "auth.forbidden", "auth.client_not_allowed"),
        },
      },
    },
    async (request) => calendarLink(database, config, clock, requireActor(request)),
  );

  app.post(
    "/api/v1/me/calendar/rotate",
    {
      schema: {
        tags: ["Warranty"],
        summary: "Replace my calendar link (the old one stops working)",
        response: {
          200: calendarLinkSchema,
          ...problemResponses("auth.required", "auth.csrf", "auth.forbidden", "auth.client_not_allowed"),
        },
      },
    },
    async (request) => replaceCalendarLink(database, config, clock, requireActor(request)),
  );

  app.delete(
    "/api/v1/me/calendar",
    {
      schema: {
        tags: ["Warranty"],
        summary: "Turn my calendar link off",
        response: {
          204: z.null(),
          ...problemResponses("auth.required", "auth.csrf", "auth.forbidden", "auth.client_not_allowed"),
        },
      },
    },
    async (request, reply) => {
      await turnOffCalendar(database, requireActor(request));
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/calendar/:token",
    {
      schema: {
        tags: ["Warranty"],
        summary: "A calendar feed (ICS) of warranty and complaint-period end dates",
        description: "The token in the path is the only credential: calendar apps cannot sign in.",
        params: calendarFeedParamsSchema,
        response: problemResponses("request.invalid", "request.nul_character", "calendar.not_found"),
      },
    },
    async (request, reply) => {
      const ics = await calendarFeed(database, config, clock, request.params.token.replace(/\.ics$/, ""));
      return reply
        .type("text/calendar; charset=utf-8")
        .header("cache-control", "private, max-age=900")
        .send(ics);
    },
  );
};
