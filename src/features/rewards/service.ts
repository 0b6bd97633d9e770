import type { Database } from "../../db/database.ts";
import { toInstant } from "../../db/tables.ts";
import type { Actor } from "../../server/actor.ts";
import { latestMovements, pointsBalance } from "./queries.ts";
import type { Points } from "./schemas.ts";

/** The signed-in owner's balance and latest movements, newest first. */
export async function pointsOf(database: Database, actor: Actor): Promise<Points> {
  return pointsOfOwner(database, actor.userId);
}

/** An owner's balance and latest movements, for whoever the caller has let see them. */
export async function pointsOfOwner(database: Database, ownerId: string): Promise<Points> {
  const [balance, movements] = await Promise.all([
    pointsBalance(database.db, ownerId),
    latestMovements(database.db, ownerId),
  ]);
  return {
    balance,
    movements: movements.map((m) => ({
      id: m.id,
      kind: m.kind,
      points: m.points,
      productNames: m.name_nb && m.name_en ? { nb: m.name_nb, en: m.name_en } : null,
      createdAt: toInstant(m.created_at),
    })),
  };
}
