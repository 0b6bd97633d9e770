import type { Database } from "../../db/database.ts";
import type { Actor } from "../../server/actor.ts";
import { can } from "../../server/policy.ts";
import { Problem } from "../../server/problem.ts";
import { listMails } from "../outbox/queries.ts";
import type { Mailbox } from "./schemas.ts";

const NEWEST = 50;

/**
 * The newest mails the portal kept. They hold sign-in links, so only a reader on the portal's own
 * machine may see them, or an admin when demo mode was switched on for a portal others can reach.
 */
export async function readDemoMailbox(
  database: Database,
  reader: { actor: Actor | null; onThisMachine: boolean },
): Promise<Mailbox> {
  if (!reader.onThisMachine && !(reader.actor && can(reader.actor, { kind: "dev.mailbox" }))) {
    throw new Problem(
      "dev_mail.local_only",
      "The demo mailbox can only be read on the machine the portal runs on.",
    );
  }
  const rows = await listMails(database, NEWEST);
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
}
