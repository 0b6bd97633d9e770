import type { Kysely } from "kysely";
import type { Tables } from "../../db/tables.ts";
import type { GrantStatus } from "../../domain/device-grant.ts";

type Db = Kysely<Tables>;

export interface NewGrant {
  device_code_hash: string;
  user_code: string;
  client_id: string;
  tv_serial: string | null;
  tv_model: string | null;
  interval_seconds: number;
  expires_at: string;
}

/**
 * Stores a new grant unless its user code is taken (by a live or a not yet swept grant): then
 * nothing is written and the caller draws another code.
 */
export async function insertGrant(db: Db, grant: NewGrant): Promise<boolean> {
  const result = await db
    .insertInto("device_authorization")
    .values({ ...grant, status: "pending", user_id: null, last_poll_at: null })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Grants that expired before `before`; the index on `expires_at` finds them. */
export async function deleteGrantsExpiredBefore(db: Db, before: string): Promise<void> {
  await db.deleteFrom("device_authorization").where("expires_at", "<", before).execute();
}

export async function findGrantByDeviceCode(db: Db, deviceCodeHash: string) {
  return db
    .selectFrom("device_authorization")
    .selectAll()
    .where("device_code_hash", "=", deviceCodeHash)
    .executeTakeFirst();
}

export async function findGrantByUserCode(db: Db, userCode: string) {
  return db
    .selectFrom("device_authorization")
    .selectAll()
    .where("user_code", "=", userCode)
    .executeTakeFirst();
}

export type GrantRow = NonNullable<Awaited<ReturnType<typeof findGrantByUserCode>>>;

/** Remembers a poll of a pending grant, with the interval the device must keep from now on. */
export async function recordPoll(db: Db, deviceCodeHash: string, at: string, intervalSeconds: number) {
  await db
    .updateTable("device_authorization")
    .set({ last_poll_at: at, interval_seconds: intervalSeconds })
    .where("device_code_hash", "=", deviceCodeHash)
    .where("status", "=", "pending")
    .execute();
}

/** The owner's decision, taken only while the grant is pending: false when another came first. */
export async function decideGrant(
  db: Db,
  userCode: string,
  decision: { status: Extract<GrantStatus, "approved" | "denied">; userId: string },
): Promise<boolean> {
  const result = await db
    .updateTable("device_authorization")
    .set({ status: decision.status, user_id: decision.userId })
    .where("user_code", "=", userCode)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Marks an approved grant used; false when another poll used it first. */
export async function consumeApprovedGrant(db: Db, deviceCodeHash: string): Promise<boolean> {
  const result = await db
    .updateTable("device_authorization")
    .set({ status: "used" })
    .where("device_code_hash", "=", deviceCodeHash)
    .where("status", "=", "approved")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertDeviceToken(
  db: Db,
  token: {
    token_hash: string;
    client: "tv" | "scanner";
    owner_id: string;
    client_id: string;
    tv_serial: string | null;
    tv_model: string | null;
    created_at: string;
    expires_at: string;
  },
): Promise<void> {
  await db.insertInto("device_token").values(token).execute();
}

/** Device tokens that expired before `before`; the index on `expires_at` finds them. */
export async function deleteDeviceTokensExpiredBefore(db: Db, before: string): Promise<void> {
  await db.deleteFrom("device_token").where("expires_at", "<", before).execute();
}

/** Ends every device token of an owner (a password reset ends them with the sessions). */
export async function deleteDeviceTokensOf(db: Db, ownerId: string): Promise<void> {
  await db.deleteFrom("device_token").where("owner_id", "=", ownerId).execute();
}

/** A device token that has not expired at `now`, with its owner's account. */
export async function findLiveDeviceToken(db: Db, tokenHash: string, now: string) {
  return db
    .selectFrom("device_token")
    .innerJoin("user", "user.id", "device_token.owner_id")
    .select([
      "device_token.token_hash",
      "device_token.client",
      "device_token.tv_serial",
      "device_token.tv_model",
      "user.id as userId",
      "user.email",
      "user.name",
      "user.role",
      "user.locale",
      "user.emailVerified",
    ])
    .where("device_token.token_hash", "=", tokenHash)
    .where("device_token.expires_at", ">", now)
    .executeTakeFirst();
}

/** The model of the unit with this (normalized) serial, by its primary key. */
export async function findUnitModel(db: Db, serial: string): Promise<string | null> {
  const unit = await db
    .selectFrom("unit")
    .select("model_code")
    .where("serial", "=", serial)
    .executeTakeFirst();
  return unit?.model_code ?? null;
}
