import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Database } from "../../db/database.ts";
import { requireActor } from "../../server/actor.ts";
import { problemResponses } from "../../server/openapi.ts";
import { profilePatchSchema, profileSchema } from "./schemas.ts";
import { changeProfile, readProfile } from "./service.ts";

export const profileRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (app, { database }) => {
  app.get(
    "/me",
    {
      schema: {
        tags: ["My information"],
        summary: "Read My information",
        response: { 200: profileSchema, ...problemResponses(401) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return readProfile(database, actor, actor.userId);
    },
  );

  app.patch(
    "/me",
    {
      schema: {
        tags: ["My information"],
        summary: "Change My information",
        description: "Send only the fields to change. An empty string clears an optional field.",
        body: profilePatchSchema,
        response: { 200: profileSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return changeProfile(database, actor, actor.userId, request.body);
    },
  );
};
