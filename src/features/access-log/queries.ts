import type { Kysely, Selectable } from "kysely";
import type { AccessLogTable, Tables } from "../../db/tables.ts";
import { OPEN_CLAIM_STATUSES } from "../../domain/claim-lifecycle.ts";
import { PENDING_TRANSFER_STATUSES } from "../../domain/transfer.ts";

type Db = Kysely<Tables>;

/**
 * Whether the owner has a case open: a claim not decided, a repair under way, a transfer they asked
 * for or are asked to answer, or a claim or repair that ended after `closedSince` (the questions that follow a decision
 * are part of its case). Each is one index walk over the owner's own rows.
 */
export async function hasOpenCase(db: Db, ownerId: string, closedSince: string): Promise<boolean> {
  const found = await Promise.all([
    db
      .selectFrom("warranty_claim")
      .select("id")
      .where("owner_id", "=", ownerId)
      .where((eb) => eb.or([eb("status", "in", OPEN_CLAIM_STATUSES), eb("updated_at", ">=", closedSince)]))
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom("repair")
      .select("id")
      .where("owner_id", "=", ownerId)
      .where((eb) =>
        eb.or([eb("status", "not in", ["closed", "cancelled"]), eb("status_at", ">=", closedSince)]),
      )
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom("transfer_request")
      .select("id")
      .where("requester_id", "=", ownerId)
      .where("status", "in", PENDING_TRANSFER_STATUSES)
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom("transfer_request")
      .select("id")
      .where("owner_id", "=", ownerId)
      .where("status", "in", PENDING_TRANSFER_STATUSES)
      .limit(1)
      .executeTakeFirst(),
  ]);
  return found.some((row) => row !== undefined);
}

export async function findReason(db: Db, ownerId: string, staffId: string) {
  return db
    .selectFrom("access_reason")
    .select(["reason", "note", "expires_at"])
    .where("owner_id", "=", ownerId)
    .where("staff_id", "=", staffId)
    .executeTakeFirst();
}

export async function saveReason(
  db: Db,
  row: {
    owner_id: string;
    staff_id: string;
    reason: string;
    note: string | null;
    given_at: string;
    expires_at: string;
  },
): Promise<void> {
  const { reason, note, given_at, expires_at } = row;
  await db
    .insertInto("access_reason")
    .values(row)
    .onConflict((oc) =>
      oc.columns(["owner_id", "staff_id"]).doUpdateSet({ reason, note, given_at, expires_at }),
    )
    .execute();
}

/** Whether `ownerId` is a customer's account (staff records are not customers' records). */
export async function isCustomer(db: Db, ownerId: string): Promise<boolean> {
  const row = await db
    .selectFrom("user")
    .select("id")
    .where("id", "=", ownerId)
    .where("role", "=", "customer")
    .executeTakeFirst();
  return row !== undefined;
}

/** The staff member's number, given on their first look at an owner's records. */
export async function staffNumberOf(db: Db, userId: string, at: string): Promise<number> {
  const found = await db
    .selectFrom("staff_member")
    .select("number")
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (found) return Number(found.number);
  await db
    .insertInto("staff_member")
    .values({ user_id: userId, created_at: at })
    .onConflict((oc) => oc.column("user_id").doNothing())
    .execute();
  const row = await db
    .selectFrom("staff_member")
    .select("number")
    .where("user_id", "=", userId)
    .executeTakeFirstOrThrow();
  return Number(row.number);
}

/** A line as written: every column of `access_log`. */
export type AccessLine = Selectable<AccessLogTable>;

/** Writes the lines; a line already there for the same look in the same minute is kept as it is. */
export async function insertAccessLines(db: Db, lines: readonly AccessLine[]): Promise<void> {
  if (lines.length === 0) return;
  await db
    .insertInto("access_log")
    .values([...lines])
    .onConflict((oc) => oc.columns(["owner_id", "staff_id", "what", "subject_id", "minute"]).doNothing())
    .execute();
}

/** A page of the owner's access log, newest first, after the cursor's line. */
export async function listAccessLines(
  db: Db,
  ownerId: string,
  after: { at: string; id: string } | null,
  limit: number,
) {
  let query = db
    .selectFrom("access_log")
    .select(["id", "staff_role", "staff_number", "what", "subject_id", "reason", "note", "at"])
    .where("owner_id", "=", ownerId);
  if (after)
    query = query.where((eb) =>
      eb.or([eb("at", "<", after.at), eb.and([eb("at", "=", after.at), eb("id", "<", after.id)])]),
    );
  return query.orderBy("at", "desc").orderBy("id", "desc").limit(limit).execute();
}
