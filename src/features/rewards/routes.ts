import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Database } from "../../db/database.ts";
import { requireActor } from "../../server/actor.ts";
import { problemResponses } from "../../server/openapi.ts";
import { pointsSchema } from "./schemas.ts";
import { pointsOf } from "./service.ts";

/** Rewards (R1): the points balance and the latest movements, for My Page. */
export const rewardsRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (app, { database }) => {
  app.get(
    "/points",
    {
      schema: {
        tags: ["Rewards"],
        summary: "My points balance and the latest movements",
        response: { 200: pointsSchema, ...problemResponses("auth.required") },
      },
    },
    async (request) => pointsOf(database, requireActor(request)),
  );
};
