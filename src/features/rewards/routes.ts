import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Database } from "../../db/database.ts";
import { toInstant } from "../../db/tables.ts";
import { requireActor } from "../../server/actor.ts";
import { problemResponses } from "../../server/openapi.ts";
import { latestMovements, pointsBalance } from "./queries.ts";

export const pointsSchema = z.object({
  balance: z.number().int(),
  movements: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      points: z.number().int(),
      productNames: z.object({ nb: z.string(), en: z.string() }).nullable(),
      createdAt: z.string(),
    }),
  ),
});
export type Points = z.infer<typeof pointsSchema>;

/** Rewards (R1): the points balance and the latest movements, for My Page. */
export const rewardsRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (app, { database }) => {
  app.get(
    "/points",
    {
      schema: {
        tags: ["Rewards"],
        summary: "My points balance and the latest movements",
        response: { 200: pointsSchema, ...problemResponses(401) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const [balance, movements] = await Promise.all([
        pointsBalance(database.db, actor.userId),
        latestMovements(database.db, actor.userId, 10),
      ]);
      return {
        balance,
        movements: movements.map((m) => ({
          id: m.id,
          kind: m.kind,
          points: m.points,
          productNames: m.name_nb && m.name_en ? { nb: m.name_nb, en: m.name_en } : null,
          createdAt: toInstant(m.created_at),
        })),
      };
    },
  );
};
