import type { Kysely } from "kysely";
import { columnTypes } from "../column-types.ts";
import type { Migration } from "../migrate.ts";

/**
 * Several coverages per unit (issue 16): the months a category adds for registering a product,
 * the extended-warranty products the operator sells (each with its months, what it covers and its
 * terms), and the extended warranties imported per unit with their own dates, read by serial.
 */
export const coverages: Migration = {
  name: "2026-12-04-01-coverages",
  // biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
  async up(db: Kysely<any>, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .alterTable("category")
      .addColumn("registration_bonus_months", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createTable("warranty_plan")
      .addColumn("code", "text", (c) => c.primaryKey())
      .addColumn("name_nb", "text", (c) => c.notNull())
      .addColumn("name_en", "text", (c) => c.notNull())
      .addColumn("months", "integer", (c) => c.notNull())
      .addColumn("parts", t.bool, (c) => c.notNull())
      .addColumn("labour", t.bool, (c) => c.notNull())
      .addColumn("terms_nb", "text", (c) => c.notNull())
      .addColumn("terms_en", "text", (c) => c.notNull())
      .addColumn("updated_at", t.instant, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("unit_coverage")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("serial", "text", (c) => c.notNull().references("unit.serial"))
      .addColumn("plan_code", "text", (c) => c.notNull().references("warranty_plan.code"))
      .addColumn("starts_on", t.date, (c) => c.notNull())
      .addColumn("ends_on", t.date, (c) => c.notNull())
      .addColumn("reference", "text", (c) => c.notNull())
      .addColumn("imported_at", t.instant, (c) => c.notNull())
      .execute();
    // One sale of a plan for a unit: the same line sent again finds it.
    await db.schema
      .createIndex("unit_coverage_sale_idx")
      .on("unit_coverage")
      .columns(["serial", "plan_code", "reference"])
      .unique()
      .execute();
    await db.schema
      .createIndex("unit_coverage_plan_idx")
      .on("unit_coverage")
      .columns(["plan_code"])
      .execute();
  },
};
