import type { Kysely } from "kysely";
import type { Tables } from "../../db/tables.ts";

type Db = Kysely<Tables>;

/**
 * Takes the lease on `name` for `holder` until `until`, or extends it when `holder` has it: one
 * statement that inserts the lease, or takes it over only when it has run out or is the holder's
 * own, so the database decides between two instances trying at once. True when `holder` has it.
 */
export async function claimLease(
  db: Db,
  name: string,
  holder: string,
  now: Date,
  until: Date,
): Promise<boolean> {
  const result = await db
    .insertInto("job_lease")
    .values({ name, holder, expires_at: until.toISOString() })
    .onConflict((oc) =>
      oc
        .column("name")
        .doUpdateSet({ holder, expires_at: until.toISOString() })
        .where((eb) =>
          eb.or([eb("job_lease.expires_at", "<=", now.toISOString()), eb("job_lease.holder", "=", holder)]),
        ),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Gives the lease up, if `holder` still has it. */
export async function dropLease(db: Db, name: string, holder: string): Promise<void> {
  await db.deleteFrom("job_lease").where("name", "=", name).where("holder", "=", holder).execute();
}

/** Who has the lease on `name` and until when, if anyone took it. */
export async function findLease(db: Db, name: string) {
  return db
    .selectFrom("job_lease")
    .select(["holder", "expires_at"])
    .where("name", "=", name)
    .executeTakeFirst();
}
