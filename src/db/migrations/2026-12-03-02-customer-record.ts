import { type Kysely, sql } from "kysely";
import { columnTypes } from "../column-types.ts";
import type { Migration } from "../migrate.ts";

/**
 * What customer service keeps on an owner's record (issue 14). Every purchase date a product has
 * had is a line of `purchase_date_event`: given at registration, changed by the owner, corrected by
 * customer service with a reason, or carried to a replacement unit. Dates stated before this table
 * existed get one line of source "earlier", dated when the product was registered. `staff_note` is
 * what staff write about an owner for each other; the owner never sees it.
 */
export const customerRecord: Migration = {
  name: "2026-12-03-02-customer-record",
  // biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
  async up(db: Kysely<any>, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable("purchase_date_event")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("registration_id", "text", (c) =>
        c.notNull().references("registration.id").onDelete("cascade"),
      )
      .addColumn("date", "text")
      .addColumn("source", "text", (c) => c.notNull())
      .addColumn("staff_role", "text")
      .addColumn("staff_number", "integer")
      .addColumn("reason", "text")
      .addColumn("at", t.instant, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("purchase_date_event_registration_idx")
      .on("purchase_date_event")
      .columns(["registration_id", "at", "id"])
      .execute();
    await sql`insert into purchase_date_event (id, registration_id, date, source, at)
      select 'earlier-' || id, id, purchase_date, 'earlier', registered_at
      from registration where purchase_date is not null`.execute(db);

    await db.schema
      .createTable("staff_note")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("owner_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
      .addColumn("staff_id", "text", (c) => c.notNull())
      .addColumn("staff_role", "text", (c) => c.notNull())
      .addColumn("staff_number", "integer", (c) => c.notNull())
      .addColumn("text", "text", (c) => c.notNull())
      .addColumn("at", t.instant, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("staff_note_owner_idx")
      .on("staff_note")
      .columns(["owner_id", "at", "id"])
      .execute();
  },
};
