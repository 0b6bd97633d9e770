import { z } from "zod";

/** A mail the portal kept instead of sending it (demo mode). */
export const keptMailSchema = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  status: z.string(),
  createdAt: z.string(),
});

export const mailboxSchema = z.object({ mails: z.array(keptMailSchema) });
export type Mailbox = z.infer<typeof mailboxSchema>;
