import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { csrfTokenFor } from "../../server/actor.ts";

export const sessionSchema = z.object({
  user: z
    .object({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      role: z.enum(["customer", "agent", "reviewer", "admin"]),
      locale: z.enum(["nb", "en"]),
      emailVerified: z.boolean(),
    })
    .nullable(),
  csrfToken: z
    .string()
    .nullable()
    .meta({ description: "Send as `x-csrf-token` on cookie-authenticated writes." }),
});
export type SessionInfo = z.infer<typeof sessionSchema>;

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
        csrfToken: actor.via === "cookie" ? csrfTokenFor(secret, actor.sessionId) : null,
      };
    },
  );
};
