import type { Kysely } from "kysely";
import { columnTypes } from "../column-types.ts";
import type { Migration } from "../migrate.ts";

/**
 * The partners' warranty look-up (issue 16, DESIGN B9): one row per retailer or service partner
 * the operator gives a look-up key, with the SHA-256 of the key (never the key itself), the calls
 * a minute it may make, and when the key was revoked. The unique hash is the index a call's key
 * is found by; the table stays small (tens of partners), so the operator's list reads it whole.
 */
export const lookupClients: Migration = {
  name: "2026-12-04-02-lookup-clients",
  // biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
  async up(db: Kysely<any>, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable("lookup_client")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("key_hash", "text", (c) => c.notNull().unique())
      .addColumn("per_minute", "integer", (c) => c.notNull())
      .addColumn("created_at", t.instant, (c) => c.notNull())
      .addColumn("revoked_at", t.instant)
      .execute();
  },
};
