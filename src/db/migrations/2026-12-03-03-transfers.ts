import { type Kysely, sql } from "kysely";
import { columnTypes } from "../column-types.ts";
import type { Migration } from "../migrate.ts";

/**
 * Ownership transfer (B8, issue 14). A request now names the registration that held the unit when
 * it was asked and its owner, who has until `answer_by` to accept or decline; a decline, or no
 * answer, puts it in customer service's queue. The requester's proof (a receipt or a photo of the
 * rating plate) is a file under `proof_key`. `owner_answer` keeps how the owner answered
 * (accepted, declined, or none in time). A decision records who made it (the owner, or staff by
 * role and number) and why. Requests of the first version ("open") were sent to customer service
 * and go to its queue. One request per requester and unit is pending at a time.
 */
export const transfers: Migration = {
  name: "2026-12-03-03-transfers",
  // biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
  async up(db: Kysely<any>, dialect) {
    const t = columnTypes(dialect);
    const columns: [string, "text" | "integer"][] = [
      ["owner_id", "text"],
      ["registration_id", "text"],
      ["answer_by", t.instant],
      ["proof_key", "text"],
      ["proof_type", "text"],
      ["proof_name", "text"],
      ["proof_size", "integer"],
      ["owner_answer", "text"],
      ["decided_at", t.instant],
      ["decided_by_role", "text"],
      ["decided_by_number", "integer"],
      ["decision_reason", "text"],
    ];
    for (const [name, type] of columns) {
      await db.schema.alterTable("transfer_request").addColumn(name, type).execute();
    }
    await db
      .updateTable("transfer_request")
      .set({ status: "with-staff" })
      .where("status", "=", "open")
      .execute();
    await db.schema.dropIndex("transfer_request_open_idx").execute();
    await db.schema
      .createIndex("transfer_request_pending_idx")
      .unique()
      .on("transfer_request")
      .columns(["unit_serial", "requester_id"])
      .where(sql.ref("status"), "in", sql`('awaiting-owner', 'with-staff')`)
      .execute();
    // The requests an owner is asked to answer, and whether they have one open (the access log's case).
    await db.schema
      .createIndex("transfer_request_owner_idx")
      .on("transfer_request")
      .columns(["owner_id", "status"])
      .execute();
    // Customer service's queue, oldest first; and the unanswered ones past their day, by that day.
    await db.schema
      .createIndex("transfer_request_queue_idx")
      .on("transfer_request")
      .columns(["status", "created_at", "id"])
      .execute();
    await db.schema
      .createIndex("transfer_request_due_idx")
      .on("transfer_request")
      .columns(["status", "answer_by"])
      .execute();
  },
};
