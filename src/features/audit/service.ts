import type { Kysely } from "kysely";
import type { Tables } from "../../db/tables.ts";
import type { Actor } from "../../server/actor.ts";
import { insertAuditEntry } from "./queries.ts";

export interface AuditEntry {
  actor: Pick<Actor, "userId" | "role"> | { userId: null; role: "system" | "service" };
  action: string;
  ownerId: string | null;
  subjectType: string;
  subjectId: string | null;
  detail?: Record<string, unknown>;
  /** When it happened: the service's clock, so that tests that move time see it in the log. */
  at: Date;
}

/**
 * Records who did what to whose record. Written in the same transaction as the change it
 * describes, so the log never tells of a change that did not happen.
 *
 * @example
 * await audit(trx, { actor, action: "claim.approved", ownerId, subjectType: "claim", subjectId: id, at: clock.now() });
 */
export async function audit(db: Kysely<Tables>, entry: AuditEntry): Promise<void> {
  await insertAuditEntry(db, {
    actor_id: entry.actor.userId,
    actor_role: entry.actor.role,
    action: entry.action,
    owner_id: entry.ownerId,
    subject_type: entry.subjectType,
    subject_id: entry.subjectId,
    detail: entry.detail ? JSON.stringify(entry.detail) : null,
    created_at: entry.at.toISOString(),
  });
}
