import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Database } from "../../db/database.ts";
import type { Clock } from "../../domain/clock.ts";
import { requireActor } from "../../server/actor.ts";
import { problemResponses } from "../../server/openapi.ts";
import { consentAnswerBody, consentOverviewSchema, purposeParams } from "./schemas.ts";
import { answerConsent, consentOverview } from "./service.ts";

/** The owner's consents per purpose: read them, give or withdraw each. */
export const consentRoutes: FastifyPluginAsyncZod<{ database: Database; clock: Clock }> = async (
  app,
  { database, clock },
) => {
  app.get(
    "/me/consents",
    {
      schema: {
        tags: ["Privacy"],
        summary: "My consents per purpose, with the text version in force and the latest answers",
        response: { 200: consentOverviewSchema, ...problemResponses("auth.required") },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return consentOverview(database, actor, actor.userId);
    },
  );

  app.put(
    "/me/consents/:purpose",
    {
      schema: {
        tags: ["Privacy"],
        summary: "Give or withdraw one consent (recommendations, marketing-mail, app-own-devices)",
        description:
          "`given: false` withdraws, at once. `textVersion` is the version of the text the owner was shown: " +
          "an earlier one is refused with `consent.text_outdated` and the version in force.",
        params: purposeParams,
        body: consentAnswerBody,
        response: {
          200: consentOverviewSchema,
          ...problemResponses("auth.required", "auth.csrf", "request.invalid", "consent.text_outdated"),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await answerConsent(database, clock, actor, request.params.purpose, request.body);
      return consentOverview(database, actor, actor.userId);
    },
  );
};
