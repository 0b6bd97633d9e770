import type { Kysely } from "kysely";
import { columnTypes } from "../column-types.ts";
import type { Migration } from "../migrate.ts";

/**
 * Failed sign-ins per account (a keyed hash of the normalized email, whether or not the account
 * exists), so that a growing delay holds across app instances. The index on `last_attempt_at`
 * lets a sign-in prune a bounded number of forgotten rows.
 */
export const signInFailure: Migration = {
  name: "2026-12-01-01-sign-in-failure",
  // biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
  async up(db: Kysely<any>, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable("sign_in_failure")
      .addColumn("account_key", "text", (c) => c.primaryKey())
      .addColumn("failures", "integer", (c) => c.notNull())
      .addColumn("last_attempt_at", t.instant, (c) => c.notNull())
      .addColumn("locked_until", t.instant)
      .execute();
    await db.schema
      .createIndex("sign_in_failure_last_attempt_idx")
      .on("sign_in_failure")
      .column("last_attempt_at")
      .execute();
  },
};
