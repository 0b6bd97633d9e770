import type { Kysely } from "kysely";
import type { Tables } from "../../db/tables.ts";
import { PENDING_TRANSFER_STATUSES } from "../../domain/transfer.ts";

type Db = Kysely<Tables>;

export async function accountForDeletion(db: Db, userId: string) {
  return db
    .selectFrom("user")
    .select([
      "id",
      "name",
      "email",
      "role",
      "locale",
      "deletion_requested_at",
      "deletion_due_at",
      "erased_at",
    ])
    .where("id", "=", userId)
    .executeTakeFirst();
}

/** The hash of the owner's password (better-auth's credential account), or undefined. */
export async function passwordHashOf(db: Db, userId: string) {
  const row = await db
    .selectFrom("account")
    .select("password")
    .where("userId", "=", userId)
    .where("providerId", "=", "credential")
    .executeTakeFirst();
  return row?.password ?? undefined;
}

export async function countOpenRepairs(db: Db, ownerId: string): Promise<number> {
  const row = await db
    .selectFrom("repair")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("owner_id", "=", ownerId)
    .where("status", "not in", ["closed", "cancelled"])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks the account for deletion, releases its products and ends every sign-in (one transaction). */
export async function scheduleDeletion(db: Db, userId: string, at: string, dueAt: string) {
  await db
    .updateTable("user")
    .set({ deletion_requested_at: at, deletion_due_at: dueAt })
    .where("id", "=", userId)
    .execute();
  await db
    .updateTable("registration")
    .set({ removed_at: at })
    .where("owner_id", "=", userId)
    .where("removed_at", "is", null)
    .execute();
  await db.deleteFrom("session").where("userId", "=", userId).execute();
  await db.deleteFrom("device_token").where("owner_id", "=", userId).execute();
}

/**
 * Keeps an account its owner signed in to before its day: the products released with the request
 * come back, each only while nobody else has registered the unit since.
 */
export async function cancelDeletion(db: Db, userId: string, requestedAt: string) {
  await db
    .updateTable("user")
    .set({ deletion_requested_at: null, deletion_due_at: null })
    .where("id", "=", userId)
    .execute();
  await db
    .updateTable("registration")
    .set({ removed_at: null })
    .where("owner_id", "=", userId)
    .where("removed_at", "=", requestedAt)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("registration as other")
            .select("other.id")
            .whereRef("other.unit_serial", "=", "registration.unit_serial")
            .where("other.removed_at", "is", null),
        ),
      ),
    )
    .execute();
}

/** Accounts whose grace period is over, on the due-date index. */
export async function dueForErasure(db: Db, now: string, limit: number) {
  return db
    .selectFrom("user")
    .select("id")
    .where("deletion_due_at", "<=", now)
    .orderBy("deletion_due_at")
    .limit(limit)
    .execute();
}

/** The storage keys of every file the owner uploaded, and of their data exports. */
export async function fileKeysOf(db: Db, ownerId: string): Promise<string[]> {
  const [claims, repairs, transfers, exports] = await Promise.all([
    db
      .selectFrom("claim_file")
      .innerJoin("warranty_claim", "warranty_claim.id", "claim_file.claim_id")
      .select("claim_file.storage_key as key")
      .where("warranty_claim.owner_id", "=", ownerId)
      .execute(),
    db
      .selectFrom("repair_photo")
      .innerJoin("repair", "repair.id", "repair_photo.repair_id")
      .select("repair_photo.storage_key as key")
      .where("repair.owner_id", "=", ownerId)
      .execute(),
    db
      .selectFrom("transfer_request")
      .select("proof_key as key")
      .where("requester_id", "=", ownerId)
      .where("proof_key", "is not", null)
      .execute(),
    db
      .selectFrom("data_export")
      .select("storage_key as key")
      .where("owner_id", "=", ownerId)
      .where("storage_key", "is not", null)
      .execute(),
  ]);
  return [...claims, ...repairs, ...transfers, ...exports].map((r) => r.key).filter((k) => k !== null);
}

/**
 * Erases an owner's personal data in one transaction: deletes what is theirs alone and keeps the
 * warranty, claim and repair records without anything that names or reaches them. See
 * `ERASURE` (erasure.ts) for each table.
 */
export async function eraseOwnerRows(db: Db, ownerId: string, at: string) {
  const claimsOf = db.selectFrom("warranty_claim").select("id").where("owner_id", "=", ownerId);
  const repairsOf = db.selectFrom("repair").select("id").where("owner_id", "=", ownerId);
  await db.deleteFrom("session").where("userId", "=", ownerId).execute();
  await db.deleteFrom("account").where("userId", "=", ownerId).execute();
  await db.deleteFrom("device_token").where("owner_id", "=", ownerId).execute();
  await db.deleteFrom("device_authorization").where("user_id", "=", ownerId).execute();
  await db.deleteFrom("calendar_feed").where("owner_id", "=", ownerId).execute();
  await db.deleteFrom("profile").where("user_id", "=", ownerId).execute();
  await db.deleteFrom("discovered_device").where("owner_id", "=", ownerId).execute();
  await db.deleteFrom("points_ledger").where("owner_id", "=", ownerId).execute();
  await db.deleteFrom("points_account").where("owner_id", "=", ownerId).execute();
  // The codes stay taken: a code is issued once, even when its owner is gone.
  await db.deleteFrom("reward_redemption").where("owner_id", "=", ownerId).execute();
  await db.deleteFrom("access_log").where("owner_id", "=", ownerId).execute();
  await db.deleteFrom("access_reason").where("owner_id", "=", ownerId).execute();
  await db.deleteFrom("staff_note").where("owner_id", "=", ownerId).execute();
  await db.deleteFrom("data_export").where("owner_id", "=", ownerId).execute();
  await db.deleteFrom("staff_member").where("user_id", "=", ownerId).execute();
  await db.deleteFrom("claim_file").where("claim_id", "in", claimsOf).execute();
  await db.deleteFrom("repair_photo").where("repair_id", "in", repairsOf).execute();
  await db.updateTable("claim_event").set({ message: null }).where("claim_id", "in", claimsOf).execute();
  await db
    .updateTable("repair")
    .set({ contact_phone: "", address_line: "", postal_code: "", city: "", fault_text: "" })
    .where("owner_id", "=", ownerId)
    .execute();
  await db
    .updateTable("registration")
    .set({ nickname: null })
    .where("owner_id", "=", ownerId)
    .where("nickname", "is not", null)
    .execute();
  await db
    .updateTable("registration")
    .set({ removed_at: at })
    .where("owner_id", "=", ownerId)
    .where("removed_at", "is", null)
    .execute();
  await db
    .updateTable("transfer_request")
    .set({ note: null, proof_key: null, proof_name: null, proof_type: null, proof_size: null })
    .where("requester_id", "=", ownerId)
    .execute();
  for (const column of ["requester_id", "owner_id"] as const) {
    await db
      .updateTable("transfer_request")
      .set({ status: "closed" })
      .where(column, "=", ownerId)
      .where("status", "in", PENDING_TRANSFER_STATUSES)
      .execute();
  }
  await db
    .updateTable("user")
    .set({
      name: "",
      email: `erased-${ownerId}@erased.invalid`,
      emailVerified: false,
      image: null,
      erased_at: at,
      deletion_requested_at: null,
      deletion_due_at: null,
    })
    .where("id", "=", ownerId)
    .execute();
}
