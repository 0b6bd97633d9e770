import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { sql } from "kysely";
import { z } from "zod";
import type { Database } from "../../db/database.ts";

/** Liveness says the process answers; readiness says it can reach its database. */
export const healthRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (app, { database }) => {
  app.get(
    "/healthz",
    { schema: { tags: ["Operations"], response: { 200: z.object({ status: z.literal("ok") }) } } },
    async () => ({ status: "ok" as const }),
  );
  app.get(
    "/readyz",
    {
      schema: {
        tags: ["Operations"],
        response: {
          200: z.object({ status: z.literal("ready"), database: z.enum(["sqlite", "postgres"]) }),
          503: z.object({ status: z.literal("unavailable"), database: z.enum(["sqlite", "postgres"]) }),
        },
      },
    },
    async (_request, reply) => {
      try {
        await sql`select 1`.execute(database.db);
        return { status: "ready" as const, database: database.dialect };
      } catch {
        return reply.status(503).send({ status: "unavailable" as const, database: database.dialect });
      }
    },
  );
};
