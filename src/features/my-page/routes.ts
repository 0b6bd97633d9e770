import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Database } from "../../db/database.ts";
import { requireActor } from "../../server/actor.ts";
import { problemResponses } from "../../server/openapi.ts";
import { myPageSchema } from "./schemas.ts";
import { myPage } from "./service.ts";

/** My Page (R1): the owner's summary in one request. */
export const myPageRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (app, { database }) => {
  app.get(
    "/my-page",
    {
      schema: {
        tags: ["My Page"],
        summary: "My Page at a glance: how many products I have registered and my points",
        response: { 200: myPageSchema, ...problemResponses("auth.required") },
      },
    },
    async (request) => myPage(database, requireActor(request)),
  );
};
