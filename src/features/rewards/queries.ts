import { type Kysely, sql } from "kysely";
import type { Tables } from "../../db/tables.ts";

export async function pointsBalance(db: Kysely<Tables>, ownerId: string): Promise<number> {
  const row = await db
    .selectFrom("points_ledger")
    .select(sql<number>`coalesce(sum(points), 0)`.as("balance"))
    .where("owner_id", "=", ownerId)
    .executeTakeFirstOrThrow();
  return Number(row.balance);
}

export async function latestMovements(db: Kysely<Tables>, ownerId: string, limit: number) {
  return db
    .selectFrom("points_ledger")
    .leftJoin("unit", "unit.serial", "points_ledger.unit_serial")
    .leftJoin("model", "model.code", "unit.model_code")
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
    .limit(limit)
    .execute();
}
