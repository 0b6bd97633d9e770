import { type Kysely, type Selectable, sql } from "kysely";
import type { Database } from "../../db/database.ts";
import { prepared } from "../../db/prepared.ts";
import { type StaffNoteTable, type Tables, toInstant } from "../../db/tables.ts";

const registeredUnit = prepared((db, serial: string) =>
  db
    .selectFrom("registration")
    .innerJoin("unit", "unit.serial", "registration.unit_serial")
    .innerJoin("model", "model.code", "unit.model_code")
    .innerJoin("user", "user.id", "registration.owner_id")
    .select([
      "registration.id",
      "registration.unit_serial",
      "registration.registered_at",
      "registration.owner_id",
      "model.name_nb",
      "model.name_en",
      "user.name as owner_name",
      "user.email as owner_email",
    ])
    .where("registration.unit_serial", "=", serial)
    .where("registration.removed_at", "is", null),
);

/** The unit's active registration with its product and owner, if it has one. */
export async function findRegisteredUnit(db: Kysely<Tables>, serial: string) {
  const [row] = await registeredUnit(db, serial);
  return row ? { ...row, registered_at: toInstant(row.registered_at) } : undefined;
}

const CUSTOMER_COLUMNS = ["user.id", "user.name", "user.email", "profile.phone"] as const;

function customers(db: Kysely<Tables>) {
  return db
    .selectFrom("user")
    .leftJoin("profile", "profile.user_id", "user.id")
    .select(CUSTOMER_COLUMNS)
    .where("user.role", "=", "customer");
}

export type CustomerRow = Awaited<ReturnType<ReturnType<typeof customers>["execute"]>>[number];

/** The customer with this e-mail address (stored in lower case, unique). */
export async function findCustomerByEmail(db: Kysely<Tables>, email: string): Promise<CustomerRow[]> {
  return customers(db).where("user.email", "=", email).execute();
}

/** Customers whose phone has this key (`profile_phone_key_idx`), at most `limit`. */
export async function findCustomersByPhoneKey(db: Kysely<Tables>, key: string, limit: number) {
  return customers(db).where("profile.phone_key", "=", key).orderBy("user.name").limit(limit).execute();
}

/**
 * Customers whose name begins with one of `prefixes`, each a range of `user_name_search_idx` (in
 * byte order: "C" on PostgreSQL), at most `limit`, by name.
 */
export async function findCustomersByNamePrefix(
  database: Database,
  prefixes: readonly string[],
  limit: number,
): Promise<CustomerRow[]> {
  const name =
    database.dialect === "postgres" ? sql`${sql.ref("user.name")} collate "C"` : sql.ref("user.name");
  const rows = await Promise.all(
    prefixes.map((prefix) =>
      customers(database.db)
        .where(sql<boolean>`${name} >= ${prefix} and ${name} < ${prefixEnd(prefix)}`)
        .orderBy(sql`${name}`)
        .limit(limit)
        .execute(),
    ),
  );
  const byId = new Map(rows.flat().map((row) => [row.id, row]));
  return [...byId.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).slice(0, limit);
}

/** The first string after every string that begins with `prefix`, in code point order. */
function prefixEnd(prefix: string): string {
  const points = [...prefix];
  const last = points.pop() ?? "";
  return points.join("") + String.fromCodePoint((last.codePointAt(0) ?? 0) + 1);
}

/** A claim by its number (its id), with its owner and product. */
export async function findClaimWithOwner(db: Kysely<Tables>, id: string) {
  return db
    .selectFrom("warranty_claim")
    .innerJoin("user", "user.id", "warranty_claim.owner_id")
    .leftJoin("model", "model.code", "warranty_claim.model_code")
    .select([
      "warranty_claim.id",
      "warranty_claim.status",
      "warranty_claim.registration_id",
      "warranty_claim.created_at",
      "user.id as owner_id",
      "user.name as owner_name",
      "model.name_nb",
      "model.name_en",
    ])
    .where("warranty_claim.id", "=", id)
    .executeTakeFirst();
}

/** The people who own these ids, for the repairs found by number. */
export async function findOwnerNames(db: Kysely<Tables>, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db.selectFrom("user").select(["id", "name"]).where("id", "in", ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The customer's account, for the top of their record: undefined for staff and unknown ids. */
export async function findCustomerAccount(db: Kysely<Tables>, ownerId: string) {
  const row = await db
    .selectFrom("user")
    .select(["id", "createdAt"])
    .where("id", "=", ownerId)
    .where("role", "=", "customer")
    .executeTakeFirst();
  return row ? { id: row.id, createdAt: toInstant(row.createdAt) } : undefined;
}

/** Sessions not expired at `now` (`session_user_idx`), and TV and scanner tokens (`device_token_owner_idx`). */
export async function countSignedIn(db: Kysely<Tables>, ownerId: string, now: string) {
  const [sessions, devices] = await Promise.all([
    db
      .selectFrom("session")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("userId", "=", ownerId)
      .where("expiresAt", ">", now)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("device_token")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("owner_id", "=", ownerId)
      .where("expires_at", ">", now)
      .executeTakeFirstOrThrow(),
  ]);
  return { sessions: Number(sessions.n), devices: Number(devices.n) };
}

/** Ends every session of the owner: each device signs in again. How many there were. */
export async function deleteSessionsOf(db: Kysely<Tables>, ownerId: string): Promise<number> {
  const result = await db.deleteFrom("session").where("userId", "=", ownerId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** How many claims a customer record lists: the newest. */
export const CLAIMS_LISTED = 50;

/** The owner's claims, newest first (`warranty_claim_owner_idx`), with the product's names. */
export async function listClaimsOfOwner(db: Kysely<Tables>, ownerId: string) {
  const rows = await db
    .selectFrom("warranty_claim")
    .leftJoin("model", "model.code", "warranty_claim.model_code")
    .select([
      "warranty_claim.id",
      "warranty_claim.status",
      "warranty_claim.registration_id",
      "warranty_claim.created_at",
      "warranty_claim.updated_at",
      "model.name_nb",
      "model.name_en",
    ])
    .where("warranty_claim.owner_id", "=", ownerId)
    .orderBy("warranty_claim.created_at", "desc")
    .limit(CLAIMS_LISTED)
    .execute();
  return rows.map((row) => ({
    ...row,
    created_at: toInstant(row.created_at),
    updated_at: toInstant(row.updated_at),
  }));
}

/** How many lines of the owner's recent activity a record shows. */
export const ACTIVITY_LISTED = 20;

/** The newest lines of the audit log about the owner (`audit_log_owner_idx`). */
export async function listActivityOfOwner(db: Kysely<Tables>, ownerId: string) {
  const rows = await db
    .selectFrom("audit_log")
    .select(["id", "action", "actor_role", "created_at"])
    .where("owner_id", "=", ownerId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(ACTIVITY_LISTED)
    .execute();
  return rows.map((row) => ({ ...row, created_at: toInstant(row.created_at) }));
}

/** How many staff notes a record shows: the newest. */
export const NOTES_LISTED = 100;

export async function insertStaffNote(db: Kysely<Tables>, row: Selectable<StaffNoteTable>): Promise<void> {
  await db.insertInto("staff_note").values(row).execute();
}

/** The staff notes on the owner, newest first (`staff_note_owner_idx`). */
export async function listStaffNotes(db: Kysely<Tables>, ownerId: string) {
  const rows = await db
    .selectFrom("staff_note")
    .selectAll()
    .where("owner_id", "=", ownerId)
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(NOTES_LISTED)
    .execute();
  return rows.map((row) => ({ ...row, at: toInstant(row.at) }));
}
