import type { Kysely } from "kysely";
import { columnTypes } from "../column-types.ts";
import type { Migration } from "../migrate.ts";

/** The catalogue (categories, models, documents) and the registry of every unit built. */
export const catalogue: Migration = {
  name: "2026-11-25-02-catalogue",
  // biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
  async up(db: Kysely<any>, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable("category")
      .addColumn("code", "text", (c) => c.primaryKey())
      .addColumn("name_nb", "text", (c) => c.notNull())
      .addColumn("name_en", "text", (c) => c.notNull())
      .addColumn("registrable", t.bool, (c) => c.notNull())
      .addColumn("identifier_rule", "text")
      .addColumn("qr_registration", t.bool, (c) => c.notNull())
      .addColumn("self_registration_from_model_year", "integer")
      .addColumn("statutory_class", "text", (c) => c.notNull())
      .addColumn("points", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("guide_nb", "text")
      .addColumn("guide_en", "text")
      .addColumn("guide_image", "text")
      .addColumn("not_registrable_nb", "text")
      .addColumn("not_registrable_en", "text")
      .addColumn("updated_at", t.instant, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("category_warranty")
      .addColumn("category_code", "text", (c) => c.notNull().references("category.code").onDelete("cascade"))
      .addColumn("market", "text", (c) => c.notNull())
      .addColumn("months", "integer", (c) => c.notNull())
      .addPrimaryKeyConstraint("category_warranty_pk", ["category_code", "market"])
      .execute();
    await db.schema
      .createTable("model")
      .addColumn("code", "text", (c) => c.primaryKey())
      .addColumn("name_nb", "text", (c) => c.notNull())
      .addColumn("name_en", "text", (c) => c.notNull())
      .addColumn("category_code", "text", (c) => c.notNull().references("category.code"))
      .addColumn("model_year", "integer", (c) => c.notNull())
      .addColumn("smart", t.bool, (c) => c.notNull())
      .addColumn("image", "text")
      .addColumn("line_code", "text")
      .addColumn("family", "text")
      .addColumn("updated_at", t.instant, (c) => c.notNull())
      .execute();
    await db.schema.createIndex("model_category_idx").on("model").column("category_code").execute();
    await db.schema
      .createTable("model_gtin")
      .addColumn("gtin", "text", (c) => c.primaryKey())
      .addColumn("model_code", "text", (c) => c.notNull().references("model.code").onDelete("cascade"))
      .execute();
    await db.schema
      .createTable("model_link")
      .addColumn("model_code", "text", (c) => c.notNull().references("model.code").onDelete("cascade"))
      .addColumn("related_code", "text", (c) => c.notNull().references("model.code").onDelete("cascade"))
      .addColumn("kind", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("model_link_pk", ["model_code", "related_code", "kind"])
      .execute();
    await db.schema
      .createTable("document")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("model_code", "text", (c) => c.references("model.code").onDelete("cascade"))
      .addColumn("category_code", "text", (c) => c.references("category.code").onDelete("cascade"))
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("locale", "text", (c) => c.notNull())
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("body", "text")
      .addColumn("url", "text")
      .addColumn("updated_at", t.instant, (c) => c.notNull())
      .execute();
    await db.schema.createIndex("document_model_idx").on("document").column("model_code").execute();
    await db.schema.createIndex("document_category_idx").on("document").column("category_code").execute();

    // The serial is the unit's key. (A WITHOUT ROWID table on SQLite was measured: its clustered
    // inserts in serial order are 2.4 times slower for the factory feed, which is not sorted.)
    await db.schema
      .createTable("unit")
      .addColumn("serial", "text", (c) => c.primaryKey())
      .addColumn("imei1", "text")
      .addColumn("imei2", "text")
      .addColumn("model_code", "text", (c) => c.notNull())
      .addColumn("manufactured_on", t.date)
      .addColumn("market", "text", (c) => c.notNull())
      .addColumn("look_alike_key", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("unit_imei1_idx").unique().on("unit").column("imei1").execute();
    await db.schema.createIndex("unit_imei2_idx").unique().on("unit").column("imei2").execute();
    await db.schema.createIndex("unit_look_alike_idx").on("unit").column("look_alike_key").execute();
  },
};
