import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Database } from "../../db/database.ts";
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
 * password reset on a laptop. Not registered at all when real mail is configured.
 */
export const devMailRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (app, { database }) => {
  app.get(
    "/dev/mail",
    {
      config: { access: "public" },
      schema: {
        tags: ["Operations"],
        summary: "Demo mode: mails kept instead of sent",
        response: { 200: z.object({ mails: z.array(mailSchema) }) },
      },
    },
    async () => {
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
