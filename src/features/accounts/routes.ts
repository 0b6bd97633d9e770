import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { csrfTokenFor } from "../../server/actor.ts";
import { sessionSchema } from "./schemas.ts";

export const sessionRoutes: FastifyPluginAsyncZod<{ secret: string }> = async (app, { secret }) => {
  app.get(
    "/session",
    {
      config: { access: "public" },
      schema: {
        tags: ["Accounts"],
        summary: "Who is signed in, and the CSRF token for this session",
        response: { 200: sessionSchema },
      },
    },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      const actor = request.actor;
      if (!actor) return { user: null, csrfToken: null };
      return {
        user: {
          id: actor.userId,
          name: actor.name,
          email: actor.email,
          role: actor.role,
          locale: actor.locale,
          emailVerified: actor.emailVerified,
        },
        csrfToken: actor.client === "web" ? csrfTokenFor(secret, actor.sessionId) : null,
      };
    },
  );
};
