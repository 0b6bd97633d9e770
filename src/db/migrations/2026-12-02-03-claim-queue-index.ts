import type { Kysely } from "kysely";
import type { Migration } from "../migrate.ts";

/**
 * The reviewers' queue walks each open status in (created_at, id) order and stops after a page:
 * with `id` in the index the walk needs no sort, so a page costs the same with 50 or 50 000 open
 * claims. It replaces the (status, created_at) index, which it covers.
 */
export const claimQueueIndex: Migration = {
  name: "2026-12-02-03-claim-queue-index",
  // biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
  async up(db: Kysely<any>) {
    await db.schema
      .createIndex("warranty_claim_queue_idx")
      .on("warranty_claim")
      .columns(["status", "created_at", "id"])
      .execute();
    await db.schema.dropIndex("warranty_claim_status_idx").execute();
  },
};
