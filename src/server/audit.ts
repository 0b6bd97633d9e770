import type { Kysely } from "kysely";
import type { Tables } from "../db/tables.ts";
import type { Actor } from "./actor.ts";

/**
 * Records who did what to whose record. Written in the same transaction as the change it
 * describes, so the log never tells of a change that did not happen.
 */
export async function audit(
  db: Kysely<Tables>,
  entry: {
    actor: Pick<Actor, "userId" | "role"> | { userId: null; role: "system" | "service" };
    action: string;
    ownerId: string | null;
    subjectType: string;
    subjectId: string | null;
    detail?: Record<string, unknown>;
  },
): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      actor_id: entry.actor.userId,
      actor_role: entry.actor.role,
      action: entry.action,
      owner_id: entry.ownerId,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
      created_at: new Date().toISOString(),
    })
    .execute();
}
