import { type Kysely, sql } from "kysely";
import { columnTypes } from "../column-types.ts";
import type { Migration } from "../migrate.ts";

/**
 * Repairs (R14): the service network the operator imports (partners, their centres, the
 * categories and postcodes each serves, what each category asks of a repair request), the repairs
 * themselves (the owner's request and, once a centre accepts it, its job), their history and the
 * owner's photos. The old unit of a replacement names its successor.
 */
export const repairs: Migration = {
  name: "2026-12-02-08-repairs",
  // biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
  async up(db: Kysely<any>, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable("service_partner")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("key_hash", "text", (c) => c.unique())
      .addColumn("webhook_url", "text")
      .addColumn("webhook_secret", "text")
      .addColumn("updated_at", t.instant, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("service_centre")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("partner_id", "text", (c) => c.notNull().references("service_partner.id"))
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("address_line", "text", (c) => c.notNull())
      .addColumn("postal_code", "text", (c) => c.notNull())
      .addColumn("city", "text", (c) => c.notNull())
      .addColumn("phone", "text")
      .addColumn("active", t.bool, (c) => c.notNull())
      .addColumn("updated_at", t.instant, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("service_centre_partner_idx")
      .on("service_centre")
      .column("partner_id")
      .execute();
    await db.schema
      .createTable("service_coverage")
      .addColumn("centre_id", "text", (c) => c.notNull().references("service_centre.id").onDelete("cascade"))
      .addColumn("category_code", "text", (c) => c.notNull().references("category.code"))
      .addColumn("channel", "text", (c) => c.notNull())
      .addColumn("postcode_from", "text", (c) => c.notNull())
      .addColumn("postcode_to", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("service_coverage_pk", [
        "centre_id",
        "category_code",
        "channel",
        "postcode_from",
      ])
      .execute();
    await db.schema
      .createIndex("service_coverage_lookup_idx")
      .on("service_coverage")
      .columns(["category_code", "channel", "postcode_from"])
      .execute();
    await db.schema
      .createTable("repair_category")
      .addColumn("category_code", "text", (c) => c.primaryKey().references("category.code"))
      .addColumn("repair_warranty_months", "integer", (c) => c.notNull())
      .addColumn("channels", "text", (c) => c.notNull())
      .addColumn("faults", "text", (c) => c.notNull())
      .addColumn("conditions", "text", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("repair")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("request_number", "text", (c) => c.notNull().unique())
      .addColumn("job_number", "text", (c) => c.unique())
      .addColumn("owner_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
      .addColumn("registration_id", "text", (c) =>
        c.notNull().references("registration.id").onDelete("cascade"),
      )
      .addColumn("unit_serial", "text", (c) => c.notNull())
      .addColumn("model_code", "text", (c) => c.notNull())
      .addColumn("category_code", "text", (c) => c.notNull())
      .addColumn("fault_code", "text", (c) => c.notNull())
      .addColumn("fault_text", "text", (c) => c.notNull())
      .addColumn("fault_started_on", t.date)
      .addColumn("channel", "text", (c) => c.notNull())
      .addColumn("contact_phone", "text", (c) => c.notNull())
      .addColumn("address_line", "text", (c) => c.notNull())
      .addColumn("postal_code", "text", (c) => c.notNull())
      .addColumn("city", "text", (c) => c.notNull())
      .addColumn("time_window", "text")
      .addColumn("conditions", "text", (c) => c.notNull())
      .addColumn("verdict", "text", (c) => c.notNull())
      .addColumn("verdict_overridden", t.bool, (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("status_at", t.instant, (c) => c.notNull())
      .addColumn("partner_event_at", t.instant)
      .addColumn("delay", "text")
      .addColumn("centre_id", "text", (c) => c.references("service_centre.id"))
      .addColumn("quote", "text")
      .addColumn("parts", "text")
      .addColumn("diagnosis", "text")
      .addColumn("faulty_serial", "text")
      .addColumn("replacement_serial", "text")
      .addColumn("parts_used", "text")
      .addColumn("collection_place", "text")
      .addColumn("return_tracking", "text")
      .addColumn("completed_on", t.date)
      .addColumn("repair_warranty_end", t.date)
      .addColumn("tracking_hash", "text", (c) => c.unique())
      .addColumn("created_at", t.instant, (c) => c.notNull())
      .addColumn("updated_at", t.instant, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("repair_owner_idx")
      .on("repair")
      .columns(["owner_id", "created_at"])
      .execute();
    // A product has one repair under way at a time: the index decides, also between two requests at once.
    await db.schema
      .createIndex("repair_open_idx")
      .on("repair")
      .column("registration_id")
      .unique()
      .where(sql<boolean>`status not in ('closed', 'cancelled')`)
      .execute();
    await db.schema
      .createIndex("repair_registration_idx")
      .on("repair")
      .columns(["registration_id", "created_at"])
      .execute();
    await db.schema
      .createIndex("repair_centre_idx")
      .on("repair")
      .columns(["centre_id", "status", "created_at"])
      .execute();
    await db.schema
      .createIndex("repair_centre_created_idx")
      .on("repair")
      .columns(["centre_id", "created_at"])
      .execute();
    await db.schema.createIndex("repair_created_idx").on("repair").column("created_at").execute();
    await db.schema.createIndex("repair_status_idx").on("repair").columns(["status", "created_at"]).execute();

    await db.schema
      .createTable("repair_event")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("repair_id", "text", (c) => c.notNull().references("repair.id").onDelete("cascade"))
      .addColumn("actor", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("status", "text")
      .addColumn("applied", t.bool, (c) => c.notNull())
      .addColumn("occurred_at", t.instant, (c) => c.notNull())
      .addColumn("recorded_at", t.instant, (c) => c.notNull())
      .addColumn("partner_id", "text", (c) => c.references("service_partner.id"))
      .addColumn("partner_event_id", "text")
      .addColumn("detail", "text")
      .addColumn("answer", "text")
      .execute();
    await db.schema
      .createIndex("repair_event_repair_idx")
      .on("repair_event")
      .columns(["repair_id", "occurred_at"])
      .execute();
    await db.schema
      .createIndex("repair_event_partner_idx")
      .on("repair_event")
      .columns(["partner_id", "repair_id", "partner_event_id"])
      .unique()
      .execute();

    await db.schema
      .createTable("repair_photo")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("repair_id", "text", (c) => c.notNull().references("repair.id").onDelete("cascade"))
      .addColumn("slot", "integer", (c) => c.notNull())
      .addColumn("storage_key", "text", (c) => c.notNull())
      .addColumn("media_type", "text", (c) => c.notNull())
      .addColumn("size", "integer", (c) => c.notNull())
      .addColumn("created_at", t.instant, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("repair_photo_slot_idx")
      .on("repair_photo")
      .columns(["repair_id", "slot"])
      .unique()
      .execute();

    await db.schema.alterTable("unit").addColumn("replaced_by", "text").execute();
  },
};
