import { type Kysely, sql } from "kysely";
import type { Migration } from "../migrate.ts";

/**
 * My Page reads an owner's balance and latest movements on every visit. With the movements'
 * order (newest first, then id) and the columns both reads take in one index, each is a walk of
 * the owner's own entries with no sort and no look-up of the rows. It replaces the
 * (owner_id, created_at) index, which it covers.
 */
export const pointsOwnerIndex: Migration = {
  name: "2026-12-02-04-points-owner-index",
  // biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
  async up(db: Kysely<any>) {
    await sql`create index points_owner_movements_idx on points_ledger (owner_id, created_at desc, id, points, kind, unit_serial)`.execute(
      db,
    );
    await db.schema.dropIndex("points_owner_idx").execute();
  },
};
