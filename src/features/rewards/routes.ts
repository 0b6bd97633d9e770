import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import type { Clock } from "../../domain/clock.ts";
import { requireActor } from "../../server/actor.ts";
import { problemResponses } from "../../server/openapi.ts";
import {
  changeReward,
  createReward,
  putRule,
  readRules,
  removeRule,
  staffRewards,
  uploadCodes,
} from "./manage.ts";
import {
  codesAddedSchema,
  codesBodySchema,
  historySchema,
  pointsSchema,
  redemptionSchema,
  rewardBodySchema,
  rewardCatalogueSchema,
  rewardIdParams,
  ruleBodySchema,
  rulesSchema,
  staffRewardSchema,
  staffRewardsSchema,
} from "./schemas.ts";
import { pointsHistory, pointsOf, redeem, rewardCatalogue } from "./service.ts";

/** Rewards: the owner's points, history and redemptions; staff's earning rules and catalogue. */
export const rewardsRoutes: FastifyPluginAsyncZod<{
  database: Database;
  config: Config;
  clock: Clock;
}> = async (app, { database, config, clock }) => {
  app.get(
    "/points",
    {
      schema: {
        tags: ["Rewards"],
        summary: "My points (those that count, those pending, the next to expire) and the latest movements",
        response: { 200: pointsSchema, ...problemResponses("auth.required") },
      },
    },
    async (request) => pointsOf(database, clock, requireActor(request)),
  );

  app.get(
    "/points/history",
    {
      schema: {
        tags: ["Rewards"],
        summary:
          "My points history, newest first: earnings, redemptions with their codes, expiries, reversals",
        response: { 200: historySchema, ...problemResponses("auth.required") },
      },
    },
    async (request) => pointsHistory(database, clock, requireActor(request)),
  );

  app.get(
    "/rewards",
    {
      schema: {
        tags: ["Rewards"],
        summary: "The rewards on offer today, and my points",
        response: { 200: rewardCatalogueSchema, ...problemResponses("auth.required") },
      },
    },
    async (request) => rewardCatalogue(database, config, clock, requireActor(request)),
  );

  app.post(
    "/rewards/:id/redemptions",
    {
      schema: {
        tags: ["Rewards"],
        summary: "Redeem a reward: the oldest points are spent first, and a code from its pool is mine",
        description:
          "Points that are pending or expired do not count. Not enough points (`points.insufficient`) or no " +
          "code left (`reward.out_of_stock`) is a 409 and nothing is spent.",
        params: rewardIdParams,
        response: {
          201: redemptionSchema,
          ...problemResponses(
            "auth.required",
            "auth.csrf",
            "reward.not_found",
            "reward.not_available",
            "points.insufficient",
            "reward.out_of_stock",
          ),
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await redeem(database, config, clock, requireActor(request), request.params.id)),
  );

  // Staff: editors and admins (rewards.manage)

  app.get(
    "/admin/points-rules",
    {
      schema: {
        tags: ["Rewards"],
        summary: "The earning rules (editors and admins)",
        response: { 200: rulesSchema, ...problemResponses("auth.required", "auth.forbidden") },
      },
    },
    async (request) => readRules(database, requireActor(request)),
  );

  app.put(
    "/admin/points-rules",
    {
      schema: {
        tags: ["Rewards"],
        summary:
          "Set the rule for an action and a category (null: any category), replacing the one there was",
        body: ruleBodySchema,
        response: {
          200: rulesSchema,
          ...problemResponses(
            "auth.required",
            "auth.forbidden",
            "auth.csrf",
            "request.invalid",
            "points_rule.category_unknown",
          ),
        },
      },
    },
    async (request) => putRule(database, clock, requireActor(request), request.body),
  );

  app.delete(
    "/admin/points-rules/:id",
    {
      schema: {
        tags: ["Rewards"],
        summary: "Remove an earning rule",
        params: rewardIdParams,
        response: {
          204: z.null(),
          ...problemResponses("auth.required", "auth.forbidden", "auth.csrf", "points_rule.not_found"),
        },
      },
    },
    async (request, reply) => {
      await removeRule(database, clock, requireActor(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/admin/rewards",
    {
      schema: {
        tags: ["Rewards"],
        summary: "Every reward in the catalogue, with its codes issued and in the pool (editors and admins)",
        response: { 200: staffRewardsSchema, ...problemResponses("auth.required", "auth.forbidden") },
      },
    },
    async (request) => staffRewards(database, requireActor(request)),
  );

  app.post(
    "/admin/rewards",
    {
      schema: {
        tags: ["Rewards"],
        summary: "Add a reward to the catalogue (its codes are uploaded next)",
        body: rewardBodySchema,
        response: {
          201: staffRewardSchema,
          ...problemResponses("auth.required", "auth.forbidden", "auth.csrf", "request.invalid"),
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createReward(database, clock, requireActor(request), request.body)),
  );

  app.put(
    "/admin/rewards/:id",
    {
      schema: {
        tags: ["Rewards"],
        summary: "Change a reward: names, descriptions, cost and the days it is on offer",
        params: rewardIdParams,
        body: rewardBodySchema,
        response: {
          200: staffRewardSchema,
          ...problemResponses(
            "auth.required",
            "auth.forbidden",
            "auth.csrf",
            "request.invalid",
            "reward.not_found",
          ),
        },
      },
    },
    async (request) => changeReward(database, clock, requireActor(request), request.params.id, request.body),
  );

  app.post(
    "/admin/rewards/:id/codes",
    {
      bodyLimit: 512 * 1024,
      schema: {
        tags: ["Rewards"],
        summary: "Add codes to a reward's pool: one a line, each issued once",
        description:
          "At most 5000 codes an upload, each 1–64 letters, digits, `-` or `_`. A code twice in the upload or in " +
          "the pool already refuses the whole upload (`reward.codes_duplicate`, with the codes).",
        params: rewardIdParams,
        body: codesBodySchema,
        response: {
          200: codesAddedSchema,
          ...problemResponses(
            "auth.required",
            "auth.forbidden",
            "auth.csrf",
            "request.invalid",
            "reward.not_found",
            "reward.codes_duplicate",
            "reward.codes_too_many",
          ),
        },
      },
    },
    async (request) =>
      uploadCodes(database, clock, requireActor(request), request.params.id, request.body.codes),
  );
};
