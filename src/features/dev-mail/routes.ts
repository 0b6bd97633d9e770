import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { type Config, isLoopbackHost } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import { problemResponses } from "../../server/openapi.ts";
import { mailboxSchema } from "./schemas.ts";
import { readDemoMailbox } from "./service.ts";

/**
 * Demo mode only (no SMTP_URL): the mails the portal would have sent, for trying sign-up and
 * password reset on a laptop. Not registered at all when real mail is configured.
 */
export const devMailRoutes: FastifyPluginAsyncZod<{ database: Database; config: Config }> = async (
  app,
  { database, config },
) => {
  app.get(
    "/dev/mail",
    {
      config: { access: "public" },
      schema: {
        tags: ["Operations"],
        summary: "Demo mode: mails kept instead of sent",
        description:
          "Only for a browser on the portal's own machine (a loopback address, when the portal itself is not exposed), or for an admin.",
        response: {
          200: mailboxSchema,
          ...problemResponses("dev_mail.local_only", "auth.forbidden", "auth.client_not_allowed"),
        },
      },
    },
    async (request) => {
      // A forwarding header means a proxy in front: its clients only look local.
      const forwarded =
        request.headers["x-forwarded-for"] !== undefined || request.headers.forwarded !== undefined;
      const onThisMachine = !config.exposed && isLoopbackHost(request.ip) && !forwarded;
      return readDemoMailbox(database, { actor: request.actor, onThisMachine });
    },
  );
};
