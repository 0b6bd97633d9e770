import type { Kysely } from "kysely";
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

export async function insertAuditEntry(db: Kysely<Tables>, row: AuditRow): Promise<void> {
  await db.insertInto("audit_log").values(row).execute();
}
