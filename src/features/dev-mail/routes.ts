import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { type Config, isLoopbackHost } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import { problemResponses } from "../../server/openapi.ts";
import { can } from "../../server/policy.ts";
import { Problem } from "../../server/problem.ts";
import { listMails } from "../outbox/queries.ts";

const mailSchema = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  status: z.string(),
  createdAt: z.string(),
});

/**
 * Demo mode only (no SMTP_URL): the mails the portal would have sent, for trying sign-up and
 * password reset on a laptop. Not registered at all when real mail is configured. The mails hold
 * sign-in links, so only someone on the machine itself may read them (a browser on the laptop),
 * or an admin when demo mode was switched on for a portal others can reach.
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
        response: { 200: z.object({ mails: z.array(mailSchema) }), ...problemResponses(403) },
      },
    },
    async (request) => {
      // A forwarding header means a proxy in front: its clients only look local.
      const forwarded =
        request.headers["x-forwarded-for"] !== undefined || request.headers.forwarded !== undefined;
      const local = !config.exposed && isLoopbackHost(request.ip) && !forwarded;
      if (!local && !(request.actor && can(request.actor, { kind: "dev.mailbox" }))) {
        throw new Problem(
          "dev_mail.local_only",
          "The demo mailbox can only be read on the machine the portal runs on.",
        );
      }
      const rows = await listMails(database, 50);
      return {
        mails: rows.map((r) => {
          const mail = r.payload as { to: string; subject: string; text: string };
          return {
            id: r.id,
            to: mail.to,
            subject: mail.subject,
            text: mail.text,
            status: r.status,
            createdAt: new Date(r.createdAt).toISOString(),
          };
        }),
      };
    },
  );
};
