import type { Kysely } from "kysely";
import { columnTypes } from "../column-types.ts";
import type { Migration } from "../migrate.ts";

/** A private calendar feed (ICS) per owner: a secret token in its URL, revocable. */
export const calendarFeed: Migration = {
  name: "2026-11-25-06-calendar-feed",
  // biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
  async up(db: Kysely<any>, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable("calendar_feed")
      .addColumn("owner_id", "text", (c) => c.primaryKey().references("user.id").onDelete("cascade"))
      .addColumn("token", "text", (c) => c.notNull().unique())
      .addColumn("created_at", t.instant, (c) => c.notNull())
      .execute();
  },
};
