import { type Kysely, sql } from "kysely";
import type { Migration } from "../migrate.ts";

/**
 * The reviewers' queue of every open claim, oldest first, as one ordered walk that stops after a
 * page: an index of the open claims alone, in (created_at, id) order (with the status, so that the
 * walk reads the index alone). Merging one walk per open
 * status read up to a page of each and sorted them, twice the work of a page on a portal with
 * thousands of open claims. The predicate is the literal text the queue's query names.
 */
export const claimOpenQueueIndex: Migration = {
  name: "2026-12-02-06-claim-open-queue-index",
  // biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
  async up(db: Kysely<any>) {
    await db.schema
      .createIndex("warranty_claim_open_queue_idx")
      .on("warranty_claim")
      .columns(["created_at", "id", "status"])
      .where(sql<boolean>`status in ('submitted', 'in-review', 'more-info')`)
      .execute();
  },
};
