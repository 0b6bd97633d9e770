import { type Kysely, sql } from "kysely";
import type { Tables } from "../../db/tables.ts";

type Db = Kysely<Tables>;

/**
 * Applies each pair's net change, in the order given (`netCoOwnership` sorts them): a gain adds to
 * the pair's row (made when new), a loss takes from it, and a pair nobody has any more goes.
 */
export async function changeCoOwners(
  db: Db,
  deltas: readonly (readonly [string, string, number])[],
): Promise<void> {
  for (const [model, other, delta] of deltas) {
    if (delta > 0) {
      await db
        .insertInto("co_ownership")
        .values({ model_code: model, other_code: other, owners: delta })
        .onConflict((oc) =>
          oc
            .columns(["model_code", "other_code"])
            .doUpdateSet({ owners: sql<number>`co_ownership.owners + ${delta}` }),
        )
        .execute();
      continue;
    }
    await db
      .updateTable("co_ownership")
      .set({ owners: sql<number>`owners - ${-delta}` })
      .where("model_code", "=", model)
      .where("other_code", "=", other)
      .execute();
    await db
      .deleteFrom("co_ownership")
      .where("model_code", "=", model)
      .where("other_code", "=", other)
      .where("owners", "<=", 0)
      .execute();
  }
}

/**
 * The models most often owned with `modelCode`, by at least `minOwners` owners, most first
 * (`co_ownership_top_idx`: one range of the model's rows, walked from the top, stopped by the limit).
 */
export async function topCoOwned(db: Db, modelCode: string, minOwners: number, limit: number) {
  return db
    .selectFrom("co_ownership")
    .select(["other_code", "owners"])
    .where("model_code", "=", modelCode)
    .where("owners", ">=", minOwners)
    .orderBy("owners", "desc")
    .orderBy("other_code", "desc")
    .limit(limit)
    .execute();
}

/** The count of one pair, for tests and the demo data's check. */
export async function coOwners(db: Db, modelCode: string, otherCode: string): Promise<number> {
  const row = await db
    .selectFrom("co_ownership")
    .select("owners")
    .where("model_code", "=", modelCode)
    .where("other_code", "=", otherCode)
    .executeTakeFirst();
  return row?.owners ?? 0;
}

/**
 * Counts every pair again from the registrations themselves (a whole-table pass, for a portal
 * filled in bulk or repaired by hand, never on a request): what registering one by one keeps.
 */
export async function recountCoOwnership(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("co_ownership").execute();
    await sql`
      insert into co_ownership (model_code, other_code, owners)
      select ua.model_code, ub.model_code, count(distinct a.owner_id)
      from registration a
      join unit ua on ua.serial = a.unit_serial
      join registration b on b.owner_id = a.owner_id and b.removed_at is null
      join unit ub on ub.serial = b.unit_serial
      where a.removed_at is null and ua.model_code <> ub.model_code
      group by ua.model_code, ub.model_code
    `.execute(trx);
  });
}
