import { type Kysely, sql } from "kysely";
import type { Migration } from "../migrate.ts";

/**
 * Each points entry keeps the model of the product it was earned for, so My Page names the
 * product of its latest movements from the catalogue alone, with no look-up of the unit among
 * millions. The movements' index carries it in place of the serial. Existing entries take their
 * unit's model; an entry keeps the model it was earned for when a later unit import changes it.
 */
export const pointsModel: Migration = {
  name: "2026-12-02-05-points-model",
  // biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
  async up(db: Kysely<any>) {
    await db.schema.alterTable("points_ledger").addColumn("model_code", "text").execute();
    await sql`update points_ledger set model_code = (select model_code from unit where unit.serial = points_ledger.unit_serial) where unit_serial is not null`.execute(
      db,
    );
    await db.schema.dropIndex("points_owner_movements_idx").execute();
    await sql`create index points_owner_movements_idx on points_ledger (owner_id, created_at desc, id, points, kind, model_code)`.execute(
      db,
    );
  },
};
