import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Database } from "../../db/database.ts";
import type { Clock } from "../../domain/clock.ts";
import { requireActor } from "../../server/actor.ts";
import { problemResponses } from "../../server/openapi.ts";
import { profilePatchSchema, profileSchema } from "./schemas.ts";
import { changeProfile, readProfile } from "./service.ts";

export const profileRoutes: FastifyPluginAsyncZod<{ database: Database; clock: Clock }> = async (
  app,
  { database, clock },
) => {
  app.get(
    "/me",
    {
      schema: {
        tags: ["My information"],
        summary: "Read My information",
        response: {
          200: profileSchema,
          ...problemResponses(
            "auth.required",
            "auth.forbidden",
            "auth.client_not_allowed",
            "profile.not_found",
          ),
        },
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
        response: {
          200: profileSchema,
          ...problemResponses(
            "request.invalid",
            "request.malformed_json",
            "request.nul_character",
            "auth.required",
            "auth.csrf",
            "auth.forbidden",
            "auth.client_not_allowed",
            "profile.not_found",
            "request.too_large",
            "request.media_type",
          ),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return changeProfile(database, clock, actor, actor.userId, request.body);
    },
  );
};
