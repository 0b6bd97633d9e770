import { type Kysely, sql } from "kysely";
import { columnTypes } from "../column-types.ts";
import type { Migration } from "../migrate.ts";

/**
 * When each registration's next warranty reminder is due (`warranty_reminder`, indexed by date),
 * so that a reminder run reads what is due instead of every registration; and `job_lease`, by
 * which one app instance at a time runs a background job.
 *
 * Existing registrations are not computed here: their end dates follow from settings the migration
 * does not know (shipping allowance, thresholds) and from month arithmetic the two databases do
 * not share. Each active one gets a row due at once instead, so the first run after the upgrade
 * reads each once, in batches, and stores its real date.
 */
export const warrantyReminder: Migration = {
  name: "2026-12-02-02-warranty-reminder",
  // biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
  async up(db: Kysely<any>, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable("warranty_reminder")
      .addColumn("registration_id", "text", (c) =>
        c.primaryKey().references("registration.id").onDelete("cascade"),
      )
      .addColumn("due_on", t.date, (c) => c.notNull())
      .execute();
    // The run walks this index in (date, id) order from where its last batch stopped.
    await db.schema
      .createIndex("warranty_reminder_due_idx")
      .on("warranty_reminder")
      .columns(["due_on", "registration_id"])
      .execute();
    const dueAtOnce = dialect === "postgres" ? sql`date '1970-01-01'` : sql`'1970-01-01'`;
    await db
      .insertInto("warranty_reminder")
      .columns(["registration_id", "due_on"])
      .expression(
        db
          .selectFrom("registration")
          .select(["id", dueAtOnce.as("due_on")])
          .where("removed_at", "is", null),
      )
      .execute();

    await db.schema
      .createTable("job_lease")
      .addColumn("name", "text", (c) => c.primaryKey())
      .addColumn("holder", "text", (c) => c.notNull())
      .addColumn("expires_at", t.instant, (c) => c.notNull())
      .execute();
  },
};
