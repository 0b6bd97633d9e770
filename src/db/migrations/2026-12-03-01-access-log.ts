import type { Kysely } from "kysely";
import { columnTypes } from "../column-types.ts";
import type { Migration } from "../migrate.ts";

/**
 * Who on staff has looked at an owner's records, and why (issue 14). Staff get a number of their
 * own (`staff_member`), which is what the owner is shown instead of an e-mail. Each look is one line
 * of `access_log`, kept when the staff account goes (it names the number and role, not the
 * account); the same look within one minute is one line. A reason given to open a record outside an
 * open case is `access_reason`, one per staff member and owner, valid for a while.
 */
export const accessLog: Migration = {
  name: "2026-12-03-01-access-log",
  // biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
  async up(db: Kysely<any>, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable("staff_member")
      .addColumn("number", t.serial, (c) =>
        dialect === "sqlite" ? c.primaryKey().autoIncrement() : c.primaryKey(),
      )
      .addColumn("user_id", "text", (c) => c.notNull().unique().references("user.id").onDelete("cascade"))
      .addColumn("created_at", t.instant, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("access_log")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("owner_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
      .addColumn("staff_id", "text", (c) => c.notNull())
      .addColumn("staff_role", "text", (c) => c.notNull())
      .addColumn("staff_number", "integer", (c) => c.notNull())
      .addColumn("what", "text", (c) => c.notNull())
      .addColumn("subject_id", "text", (c) => c.notNull())
      .addColumn("reason", "text", (c) => c.notNull())
      .addColumn("note", "text")
      .addColumn("minute", "integer", (c) => c.notNull())
      .addColumn("at", t.instant, (c) => c.notNull())
      .execute();
    // The owner's list, newest first (and the account's deletion, by owner).
    await db.schema
      .createIndex("access_log_owner_idx")
      .on("access_log")
      .columns(["owner_id", "at", "id"])
      .execute();
    // One line per look: the page's reads within a minute, or a reload, are the same look.
    await db.schema
      .createIndex("access_log_once_idx")
      .unique()
      .on("access_log")
      .columns(["owner_id", "staff_id", "what", "subject_id", "minute"])
      .execute();

    await db.schema
      .createTable("access_reason")
      .addColumn("owner_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
      .addColumn("staff_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
      .addColumn("reason", "text", (c) => c.notNull())
      .addColumn("note", "text")
      .addColumn("given_at", t.instant, (c) => c.notNull())
      .addColumn("expires_at", t.instant, (c) => c.notNull())
      .addPrimaryKeyConstraint("access_reason_pk", ["owner_id", "staff_id"])
      .execute();
    // Deleting a staff account finds its reasons by this.
    await db.schema.createIndex("access_reason_staff_idx").on("access_reason").column("staff_id").execute();
  },
};
