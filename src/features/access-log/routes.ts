import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Database } from "../../db/database.ts";
import type { Clock } from "../../domain/clock.ts";
import { requireActor } from "../../server/actor.ts";
import { problemResponses } from "../../server/openapi.ts";
import {
  accessLogQuery,
  accessLogSchema,
  givenReasonSchema,
  giveReasonBody,
  ownerParams,
} from "./schemas.ts";
import { giveReason, myAccessLog } from "./service.ts";

/** Why staff open an owner's records, and the owner's view of who has. */
export const accessLogRoutes: FastifyPluginAsyncZod<{ database: Database; clock: Clock }> = async (
  app,
  { database, clock },
) => {
  app.get(
    "/me/access-log",
    {
      schema: {
        tags: ["My information"],
        summary: "Who on staff has looked at my information: when, what and why, newest first",
        querystring: accessLogQuery,
        response: { 200: accessLogSchema, ...problemResponses("request.invalid") },
      },
    },
    async (request) => myAccessLog(database.db, requireActor(request), request.query.cursor),
  );

  app.post(
    "/staff/customers/:ownerId/access-reason",
    {
      schema: {
        tags: ["Customer service"],
        summary: "Say why you open a customer's records outside an open case (valid for two hours)",
        params: ownerParams,
        body: giveReasonBody,
        response: {
          200: givenReasonSchema,
          ...problemResponses("request.invalid", "auth.forbidden", "customer.not_found"),
        },
      },
    },
    async (request) =>
      giveReason(database.db, requireActor(request), request.params.ownerId, request.body, clock.now()),
  );
};
