import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Database } from "../../db/database.ts";
import type { Clock } from "../../domain/clock.ts";
import { requireActor } from "../../server/actor.ts";
import { problemResponses } from "../../server/openapi.ts";
import { Problem } from "../../server/problem.ts";
import { lookUpPostcode } from "./postcodes.ts";
import { postcodeParamsSchema, postcodeSchema, profilePatchSchema, profileSchema } from "./schemas.ts";
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
            "profile.postcode_invalid",
            "request.too_large",
            "request.media_type",
          ),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return changeProfile(database, clock, actor, actor.userId, request.body, request.log);
    },
  );

  app.get(
    "/postcodes/:country/:code",
    {
      schema: {
        tags: ["My information"],
        summary: "Look up a postcode's place",
        description:
          "The postcode as its country writes it and its place from the postal register the operator loaded (null when the register does not have it). A postcode that is not one of the country's is refused.",
        params: postcodeParamsSchema,
        response: {
          200: postcodeSchema,
          ...problemResponses(
            "request.invalid",
            "auth.required",
            "auth.forbidden",
            "auth.client_not_allowed",
            "profile.postcode_invalid",
          ),
        },
      },
    },
    async (request) => {
      requireActor(request);
      const { country, code } = request.params;
      const found = await lookUpPostcode(database, country, code);
      if (!found)
        throw new Problem("profile.postcode_invalid", `The postcode is not one of ${country}.`, {
          fields: [{ path: "params.code", message: `not a postcode of ${country}` }],
        });
      return { country, ...found };
    },
  );
};
