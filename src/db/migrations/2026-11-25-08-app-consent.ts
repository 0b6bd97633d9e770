import type { Kysely } from "kysely";
import { columnTypes } from "../column-types.ts";
import type { Migration } from "../migrate.ts";

/** The members app's "I register only my own devices" confirmation (R7), with its text version. */
export const appConsent: Migration = {
  name: "2026-11-25-08-app-consent",
  // biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
  async up(db: Kysely<any>, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable("app_consent")
      .addColumn("owner_id", "text", (c) => c.primaryKey().references("user.id").onDelete("cascade"))
      .addColumn("text_version", "text", (c) => c.notNull())
      .addColumn("confirmed_at", t.instant, (c) => c.notNull())
      .execute();
  },
};
