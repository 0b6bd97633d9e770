import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { requireActor } from "../../server/actor.ts";
import { createLimiter } from "../../server/limiter.ts";
import { problemResponses } from "../../server/openapi.ts";
import { deletionBody, deletionResultSchema, deletionStatusSchema } from "./schemas.ts";
import { type DeletionContext, deletionStatus, requestDeletion } from "./service.ts";

/** How often an account may try its password to delete itself, a minute. */
const ATTEMPTS_PER_MINUTE = 5;

/** Deleting the signed-in owner's account (GDPR art. 17). */
export const accountDeletionRoutes: FastifyPluginAsyncZod<DeletionContext> = async (app, ctx) => {
  const attempts = createLimiter(
    [{ name: "deletion", max: ATTEMPTS_PER_MINUTE, key: (request) => request.actor?.userId ?? null }],
    ctx.clock,
  );

  app.get(
    "/me/deletion",
    {
      schema: {
        tags: ["Privacy"],
        summary: "Whether my account is to be deleted, the grace period, and my repairs under way",
        response: { 200: deletionStatusSchema, ...problemResponses("auth.required", "auth.forbidden") },
      },
    },
    async (request) => deletionStatus(ctx, requireActor(request)),
  );

  app.post(
    "/me/deletion",
    {
      preHandler: attempts,
      schema: {
        tags: ["Privacy"],
        summary: "Delete my account, confirmed with my password",
        description:
          "Every sign-in ends and the products are released at once. The account is erased after the operator's " +
          "grace period (`status: scheduled`, `dueAt`), or at once when it is 0 (`status: erased`); signing in " +
          "before `dueAt` keeps it. A wrong password is 403 `account.password_wrong` and changes nothing.",
        body: deletionBody,
        response: {
          200: deletionResultSchema,
          ...problemResponses(
            "auth.required",
            "auth.forbidden",
            "auth.csrf",
            "request.invalid",
            "request.rate_limited",
            "account.password_wrong",
          ),
        },
      },
    },
    async (request) => requestDeletion(ctx, requireActor(request), request.body.password),
  );
};
