import type { Kysely } from "kysely";
import { columnTypes } from "../column-types.ts";
import type { Migration } from "../migrate.ts";

/** Warranty claims (R12): the owner's purchase date and proof, the review and its history. */
export const warrantyClaim: Migration = {
  name: "2026-11-25-07-warranty-claim",
  // biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
  async up(db: Kysely<any>, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable("warranty_claim")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("registration_id", "text", (c) =>
        c.notNull().references("registration.id").onDelete("cascade"),
      )
      .addColumn("owner_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
      .addColumn("unit_serial", "text", (c) => c.notNull())
      .addColumn("purchase_date", t.date, (c) => c.notNull())
      .addColumn("seller", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("created_at", t.instant, (c) => c.notNull())
      .addColumn("updated_at", t.instant, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("warranty_claim_status_idx")
      .on("warranty_claim")
      .columns(["status", "created_at"])
      .execute();
    await db.schema
      .createIndex("warranty_claim_registration_idx")
      .on("warranty_claim")
      .column("registration_id")
      .execute();
    await db.schema
      .createTable("claim_file")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("claim_id", "text", (c) => c.notNull().references("warranty_claim.id").onDelete("cascade"))
      .addColumn("storage_key", "text", (c) => c.notNull())
      .addColumn("media_type", "text", (c) => c.notNull())
      .addColumn("size", "integer", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("created_at", t.instant, (c) => c.notNull())
      .execute();
    await db.schema.createIndex("claim_file_claim_idx").on("claim_file").column("claim_id").execute();
    await db.schema
      .createTable("claim_event")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("claim_id", "text", (c) => c.notNull().references("warranty_claim.id").onDelete("cascade"))
      .addColumn("actor_role", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("message", "text")
      .addColumn("created_at", t.instant, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("claim_event_claim_idx")
      .on("claim_event")
      .columns(["claim_id", "created_at"])
      .execute();
  },
};
