import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Database } from "../../db/database.ts";
import { livenessSchema, readinessSchema, unavailableSchema } from "./schemas.ts";
import { readiness } from "./service.ts";

/** Liveness says the process answers; readiness says it can reach its database. */
export const healthRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (app, { database }) => {
  app.get("/healthz", { schema: { tags: ["Operations"], response: { 200: livenessSchema } } }, async () => ({
    status: "ok" as const,
  }));
  app.get(
    "/readyz",
    { schema: { tags: ["Operations"], response: { 200: readinessSchema, 503: unavailableSchema } } },
    async (_request, reply) => {
      const state = await readiness(database);
      return state.status === "ready" ? state : reply.status(503).send(state);
    },
  );
};
