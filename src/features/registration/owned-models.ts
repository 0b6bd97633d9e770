import type { Kysely } from "kysely";
import type { Tables } from "../../db/tables.ts";
import { ownedModelsChanged } from "../recommendations/service.ts";
import { ownedModelCodes } from "./queries.ts";

/**
 * Runs `change` (which creates or ends registrations of these owners, in transaction `db`) and
 * keeps the co-ownership counts recommendations read: each owner's models are read before and
 * after, on the owner's own index, so the cost is bounded by their own products. Two requests of
 * one owner that register two new models at the same moment on PostgreSQL may each miss the other's
 * (read committed): that pair is then counted one owner short, which only ever hides a pair.
 *
 * @example
 * await changingOwnedModels(trx, [actor.userId], () => insertRegistration(trx, row));
 */
export async function changingOwnedModels<T>(
  db: Kysely<Tables>,
  ownerIds: readonly string[],
  change: () => Promise<T>,
): Promise<T> {
  const owners = [...new Set(ownerIds)];
  const before = await Promise.all(owners.map((id) => ownedModelCodes(db, id)));
  const result = await change();
  const after = await Promise.all(owners.map((id) => ownedModelCodes(db, id)));
  // Every owner's changes as one set, in one order: a transfer gains for one and loses for another.
  await ownedModelsChanged(
    db,
    owners.map((_, i) => ({ before: before[i] ?? [], after: after[i] ?? [] })),
  );
  return result;
}
