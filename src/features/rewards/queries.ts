import { type Kysely, sql } from "kysely";
import { prepared } from "../../db/prepared.ts";
import type { Tables } from "../../db/tables.ts";

// My Page reads both on every visit: they are compiled once (src/db/prepared.ts).

const balanceOf = prepared((db, ownerId: string) =>
  db
    .selectFrom("points_ledger")
    .select(sql<number>`coalesce(sum(points), 0)`.as("balance"))
    .where("owner_id", "=", ownerId),
);

export async function pointsBalance(db: Kysely<Tables>, ownerId: string): Promise<number> {
  const [row] = await balanceOf(db, ownerId);
  return Number(row?.balance ?? 0);
}

/** How many movements My Page shows: a constant, so that it is written into the SQL (src/db/sqlite-dialect.ts). */
const MOVEMENTS_SHOWN = 10;

const movementsOf = prepared((db, ownerId: string) =>
  db
    .selectFrom("points_ledger")
    // The entry keeps its model: naming the product needs the catalogue alone, not the unit.
    .leftJoin("model", "model.code", "points_ledger.model_code")
    .select([
      "points_ledger.id",
      "points_ledger.kind",
      "points_ledger.points",
      "points_ledger.created_at",
      "model.name_nb",
      "model.name_en",
    ])
    .where("points_ledger.owner_id", "=", ownerId)
    .orderBy("points_ledger.created_at", "desc")
    .orderBy("points_ledger.id")
    .limit(MOVEMENTS_SHOWN),
);

/** The owner's latest movements, newest first, as many as My Page shows. */
export async function latestMovements(db: Kysely<Tables>, ownerId: string) {
  return movementsOf(db, ownerId);
}
