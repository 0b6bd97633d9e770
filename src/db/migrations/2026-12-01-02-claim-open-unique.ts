import { type Kysely, sql } from "kysely";
import type { Migration } from "../migrate.ts";

/**
 * One open warranty claim per product, as an index: two submissions at the same moment cannot
 * both succeed (a check before the insert could not stop that). The predicate is the literal text
 * the claim insert's `on conflict` names. If a database already holds two open claims for one
 * product (the race this closes), the migration stops and names them: which to keep is a
 * reviewer's decision, not a migration's.
 */
export const claimOpenUnique: Migration = {
  name: "2026-12-01-02-claim-open-unique",
  // biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
  async up(db: Kysely<any>) {
    const twice = await db
      .selectFrom("warranty_claim")
      .select(["registration_id", sql<number>`count(*)`.as("open")])
      .where("status", "in", ["submitted", "in-review", "more-info"])
      .groupBy("registration_id")
      .having(sql`count(*)`, ">", 1)
      .execute();
    if (twice.length > 0) {
      const list = twice.map((r) => `${r.registration_id} (${r.open})`).join(", ");
      throw new Error(
        `These registrations have more than one open warranty claim: ${list}. Decide all but one of each, then migrate again.`,
      );
    }
    await db.schema
      .createIndex("warranty_claim_one_open_idx")
      .on("warranty_claim")
      .column("registration_id")
      .unique()
      .where(sql<boolean>`status in ('submitted', 'in-review', 'more-info')`)
      .execute();
  },
};
