import type { Kysely } from "kysely";
import { columnTypes } from "../column-types.ts";
import type { Migration } from "../migrate.ts";

/**
 * Purchase dates we can prove (R13): web-shop deliveries and phone activations. They are kept by
 * serial or IMEI as they arrive, whether or not the unit or its registration exists yet, and
 * applied when a product's warranty is read.
 */
export const purchaseConfirmation: Migration = {
  name: "2026-11-25-05-purchase-confirmation",
  // biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
  async up(db: Kysely<any>, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable("purchase_confirmation")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("source", "text", (c) => c.notNull())
      .addColumn("reference", "text", (c) => c.notNull())
      .addColumn("serial", "text")
      .addColumn("imei", "text")
      .addColumn("confirmed_on", t.date, (c) => c.notNull())
      .addColumn("received_at", t.instant, (c) => c.notNull())
      .addColumn("dedupe_key", "text", (c) => c.notNull().unique())
      .execute();
    await db.schema
      .createIndex("purchase_confirmation_serial_idx")
      .on("purchase_confirmation")
      .column("serial")
      .execute();
    await db.schema
      .createIndex("purchase_confirmation_imei_idx")
      .on("purchase_confirmation")
      .column("imei")
      .execute();
  },
};
