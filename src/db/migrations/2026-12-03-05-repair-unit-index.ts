import type { Kysely } from "kysely";
import type { Migration } from "../migrate.ts";

/**
 * A product's page lists the repairs of the unit from before it was the owner's (its history stays
 * with the unit when it is transferred): by unit, newest first, through this index.
 */
export const repairUnitIndex: Migration = {
  name: "2026-12-03-05-repair-unit-index",
  // biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
  async up(db: Kysely<any>) {
    await db.schema
      .createIndex("repair_unit_idx")
      .on("repair")
      .columns(["unit_serial", "created_at"])
      .execute();
  },
};
