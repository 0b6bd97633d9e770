import { type Kysely, sql } from "kysely";
import { columnTypes } from "../column-types.ts";
import type { Migration } from "../migrate.ts";

/** Registrations (one active owner per unit), rewards points, transfer requests, discovered devices. */
export const registration: Migration = {
  name: "2026-11-25-03-registration",
  // biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
  async up(db: Kysely<any>, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable("registration")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("unit_serial", "text", (c) => c.notNull())
      .addColumn("owner_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
      .addColumn("channel", "text", (c) => c.notNull())
      .addColumn("purchase_date", t.date)
      .addColumn("purchase_place", "text")
      .addColumn("nickname", "text")
      .addColumn("registered_at", t.instant, (c) => c.notNull())
      .addColumn("removed_at", t.instant)
      .execute();
    // The database, not the code, guarantees one active owner per unit: of two simultaneous
    // registrations of one serial, exactly one insert succeeds.
    await db.schema
      .createIndex("registration_active_unit_idx")
      .unique()
      .on("registration")
      .column("unit_serial")
      .where(sql.ref("removed_at"), "is", null)
      .execute();
    await db.schema
      .createIndex("registration_owner_idx")
      .on("registration")
      .columns(["owner_id", "removed_at"])
      .execute();

    await db.schema
      .createTable("points_ledger")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("owner_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
      .addColumn("unit_serial", "text")
      .addColumn("registration_id", "text")
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("points", "integer", (c) => c.notNull())
      .addColumn("created_at", t.instant, (c) => c.notNull())
      .execute();
    // The first registration of a unit earns points once, ever: removing and registering again,
    // or another owner registering it later, finds this row taken.
    await db.schema
      .createIndex("points_first_registration_idx")
      .unique()
      .on("points_ledger")
      .column("unit_serial")
      .where(sql.ref("kind"), "=", "first-registration")
      .execute();
    await db.schema
      .createIndex("points_owner_idx")
      .on("points_ledger")
      .columns(["owner_id", "created_at"])
      .execute();

    await db.schema
      .createTable("transfer_request")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("unit_serial", "text", (c) => c.notNull())
      .addColumn("requester_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
      .addColumn("note", "text")
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("created_at", t.instant, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("transfer_request_open_idx")
      .unique()
      .on("transfer_request")
      .columns(["unit_serial", "requester_id"])
      .where(sql.ref("status"), "=", "open")
      .execute();

    await db.schema
      .createTable("discovered_device")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("owner_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
      .addColumn("source", "text", (c) => c.notNull())
      .addColumn("external_id", "text", (c) => c.notNull())
      .addColumn("unit_serial", "text")
      .addColumn("model_code", "text")
      .addColumn("display_name", "text")
      .addColumn("offered", t.bool, (c) => c.notNull())
      .addColumn("discovered_at", t.instant, (c) => c.notNull())
      .addColumn("removed_at", t.instant)
      .execute();
    await db.schema
      .createIndex("discovered_device_source_idx")
      .unique()
      .on("discovered_device")
      .columns(["owner_id", "source", "external_id"])
      .execute();
  },
};
