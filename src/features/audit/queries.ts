import type { Kysely } from "kysely";
import { prepared } from "../../db/prepared.ts";
import type { Tables } from "../../db/tables.ts";

export interface AuditRow {
  actor_id: string | null;
  actor_role: string;
  action: string;
  owner_id: string | null;
  subject_type: string;
  subject_id: string | null;
  detail: string | null;
  created_at: string;
}

// Every change writes one: compiled once (src/db/prepared.ts).
const insertRow = prepared(
  (
    db,
    actorId: string | null,
    actorRole: string,
    action: string,
    ownerId: string | null,
    subjectType: string,
    subjectId: string | null,
    detail: string | null,
    createdAt: string,
  ) =>
    db.insertInto("audit_log").values({
      actor_id: actorId,
      actor_role: actorRole,
      action,
      owner_id: ownerId,
      subject_type: subjectType,
      subject_id: subjectId,
      detail,
      created_at: createdAt,
    }),
);

export async function insertAuditEntry(db: Kysely<Tables>, row: AuditRow): Promise<void> {
  await insertRow(
    db,
    row.actor_id,
    row.actor_role,
    row.action,
    row.owner_id,
    row.subject_type,
    row.subject_id,
    row.detail,
    row.created_at,
  );
}
