import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import type { Clock } from "../../domain/clock.ts";
import { requireActor } from "../../server/actor.ts";
import { problemResponses } from "../../server/openapi.ts";
import { myPageSchema } from "./schemas.ts";
import { myPage } from "./service.ts";

/** My Page (R1): the owner's summary in one request. */
export const myPageRoutes: FastifyPluginAsyncZod<{
  database: Database;
  config: Config;
  clock: Clock;
}> = async (app, { database, config, clock }) => {
  app.get(
    "/my-page",
    {
      schema: {
        tags: ["My Page"],
        summary:
          "My Page at a glance: my products (as tiles), what needs me (alerts), my points, repairs under way and recommendations",
        response: { 200: myPageSchema, ...problemResponses("auth.required") },
      },
    },
    async (request) => myPage(database, config, clock, requireActor(request)),
  );
};
