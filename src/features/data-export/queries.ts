import type { Kysely } from "kysely";
import { newRowId } from "../../db/row-id.ts";
import type { DataExportStatus, Tables } from "../../db/tables.ts";

type Db = Kysely<Tables>;

/** How many ids a child-table read takes at once (`in (…)`), so a statement stays small. */
const IDS_AT_ONCE = 500;

async function byChunks<T>(ids: readonly string[], read: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const rows: T[] = [];
  for (let i = 0; i < ids.length; i += IDS_AT_ONCE) rows.push(...(await read(ids.slice(i, i + IDS_AT_ONCE))));
  return rows;
}

// What the export reads: every row of the owner's, by the owner's index, or by the index of the
// parent row (a claim's events by the claim). Columns that are secrets (tokens, hashes, the
// password) are never selected.

export async function accountOf(db: Db, ownerId: string) {
  const [user, profile, calendarFeed, staff, methods] = await Promise.all([
    db
      .selectFrom("user")
      .select(["id", "name", "email", "emailVerified", "role", "locale", "createdAt", "updatedAt"])
      .where("id", "=", ownerId)
      .executeTakeFirst(),
    db
      .selectFrom("profile")
      .select(["phone", "address_line", "postal_code", "city", "country", "updated_at"])
      .where("user_id", "=", ownerId)
      .executeTakeFirst(),
    db.selectFrom("calendar_feed").select(["created_at"]).where("owner_id", "=", ownerId).executeTakeFirst(),
    db
      .selectFrom("staff_member")
      .select(["number", "created_at"])
      .where("user_id", "=", ownerId)
      .executeTakeFirst(),
    db
      .selectFrom("account")
      .select(["providerId", "createdAt", "updatedAt"])
      .where("userId", "=", ownerId)
      .execute(),
  ]);
  return { user, profile, calendarFeed, staff, methods };
}

export async function registrationsOfOwner(db: Db, ownerId: string) {
  return db
    .selectFrom("registration")
    .selectAll()
    .where("owner_id", "=", ownerId)
    .orderBy("registered_at")
    .orderBy("id")
    .execute();
}

export async function purchaseDateEventsOf(db: Db, registrationIds: readonly string[]) {
  return byChunks(registrationIds, (ids) =>
    db.selectFrom("purchase_date_event").selectAll().where("registration_id", "in", ids).execute(),
  );
}

export async function remindersOf(db: Db, registrationIds: readonly string[]) {
  return byChunks(registrationIds, (ids) =>
    db.selectFrom("warranty_reminder").selectAll().where("registration_id", "in", ids).execute(),
  );
}

export async function claimsOfOwner(db: Db, ownerId: string) {
  return db
    .selectFrom("warranty_claim")
    .selectAll()
    .where("owner_id", "=", ownerId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export async function claimEventsOf(db: Db, claimIds: readonly string[]) {
  return byChunks(claimIds, (ids) =>
    db.selectFrom("claim_event").selectAll().where("claim_id", "in", ids).execute(),
  );
}

export async function claimFilesOf(db: Db, claimIds: readonly string[]) {
  return byChunks(claimIds, (ids) =>
    db.selectFrom("claim_file").selectAll().where("claim_id", "in", ids).execute(),
  );
}

export async function repairsOfOwner(db: Db, ownerId: string) {
  return db
    .selectFrom("repair")
    .selectAll()
    .where("owner_id", "=", ownerId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export async function repairEventsOf(db: Db, repairIds: readonly string[]) {
  return byChunks(repairIds, (ids) =>
    db
      .selectFrom("repair_event")
      .select([
        "id",
        "repair_id",
        "actor",
        "kind",
        "status",
        "applied",
        "occurred_at",
        "recorded_at",
        "detail",
        "answer",
      ])
      .where("repair_id", "in", ids)
      .execute(),
  );
}

export async function repairPhotosOf(db: Db, repairIds: readonly string[]) {
  return byChunks(repairIds, (ids) =>
    db.selectFrom("repair_photo").selectAll().where("repair_id", "in", ids).execute(),
  );
}

export async function pointsOfOwnerAll(db: Db, ownerId: string) {
  return db
    .selectFrom("points_ledger")
    .select([
      "id",
      "kind",
      "points",
      "unit_serial",
      "model_code",
      "registration_id",
      "created_at",
      "active_from",
      "expires_at",
      "lot_id",
      "redemption_id",
    ])
    .where("owner_id", "=", ownerId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export async function redemptionsOfOwnerAll(db: Db, ownerId: string) {
  return db
    .selectFrom("reward_redemption")
    .innerJoin("reward", "reward.id", "reward_redemption.reward_id")
    .select([
      "reward_redemption.id",
      "reward_redemption.code",
      "reward_redemption.points",
      "reward_redemption.created_at",
      "reward.name_nb",
      "reward.name_en",
    ])
    .where("reward_redemption.owner_id", "=", ownerId)
    .orderBy("reward_redemption.created_at")
    .execute();
}

export async function consentEventsAll(db: Db, ownerId: string) {
  return db
    .selectFrom("consent_event")
    .select(["purpose", "given", "text_version", "source", "at"])
    .where("owner_id", "=", ownerId)
    .orderBy("at")
    .orderBy("id")
    .execute();
}

export async function devicesOfOwner(db: Db, ownerId: string) {
  const [discovered, signedIn, requests] = await Promise.all([
    db
      .selectFrom("discovered_device")
      .select([
        "id",
        "source",
        "external_id",
        "unit_serial",
        "model_code",
        "display_name",
        "offered",
        "discovered_at",
        "removed_at",
      ])
      .where("owner_id", "=", ownerId)
      .execute(),
    db
      .selectFrom("device_token")
      .select(["client", "client_id", "tv_serial", "tv_model", "created_at", "expires_at"])
      .where("owner_id", "=", ownerId)
      .execute(),
    db
      .selectFrom("device_authorization")
      .select(["client_id", "tv_serial", "tv_model", "status", "expires_at"])
      .where("user_id", "=", ownerId)
      .execute(),
  ]);
  return { discovered, signedIn, requests };
}

export async function sessionsOfOwner(db: Db, ownerId: string) {
  return db
    .selectFrom("session")
    .select(["createdAt", "updatedAt", "expiresAt", "ipAddress", "userAgent"])
    .where("userId", "=", ownerId)
    .execute();
}

export async function accessLogOfOwner(db: Db, ownerId: string) {
  const [looks, reasons] = await Promise.all([
    db
      .selectFrom("access_log")
      .select(["staff_role", "staff_number", "what", "subject_id", "reason", "note", "at"])
      .where("owner_id", "=", ownerId)
      .orderBy("at")
      .execute(),
    db
      .selectFrom("access_reason")
      .select(["reason", "note", "given_at", "expires_at"])
      .where("owner_id", "=", ownerId)
      .execute(),
  ]);
  return { looks, reasons };
}

export async function activityOfOwner(db: Db, ownerId: string) {
  return db
    .selectFrom("audit_log")
    .select(["actor_role", "action", "subject_type", "subject_id", "detail", "created_at"])
    .where("owner_id", "=", ownerId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export async function transfersOfOwner(db: Db, ownerId: string) {
  const columns = [
    "id",
    "unit_serial",
    "requester_id",
    "owner_id",
    "note",
    "status",
    "created_at",
    "answer_by",
    "owner_answer",
    "decided_at",
    "decision_reason",
    "proof_key",
    "proof_name",
    "proof_type",
  ] as const;
  const [asked, toAnswer] = await Promise.all([
    db.selectFrom("transfer_request").select(columns).where("requester_id", "=", ownerId).execute(),
    db.selectFrom("transfer_request").select(columns).where("owner_id", "=", ownerId).execute(),
  ]);
  return { asked, toAnswer };
}

export async function staffNotesOfOwner(db: Db, ownerId: string) {
  return db
    .selectFrom("staff_note")
    .select(["staff_role", "staff_number", "text", "at"])
    .where("owner_id", "=", ownerId)
    .orderBy("at")
    .execute();
}

export async function exportsOfOwner(db: Db, ownerId: string, limit: number) {
  return db
    .selectFrom("data_export")
    .selectAll()
    .where("owner_id", "=", ownerId)
    .orderBy("requested_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

export async function findExport(db: Db, id: string) {
  return db.selectFrom("data_export").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertExport(db: Db, ownerId: string, at: Date): Promise<string> {
  const id = newRowId(at.getTime());
  await db
    .insertInto("data_export")
    .values({ id, owner_id: ownerId, status: "queued", progress: 0, requested_at: at.toISOString() })
    .execute();
  return id;
}

export async function updateExport(
  db: Db,
  id: string,
  change: {
    status?: DataExportStatus;
    progress?: number;
    ready_at?: string | null;
    expires_at?: string | null;
    storage_key?: string | null;
    size?: number | null;
    error?: string | null;
  },
): Promise<void> {
  await db.updateTable("data_export").set(change).where("id", "=", id).execute();
}

/** Ready exports whose days are over, oldest first, on the status and expiry index. */
export async function dueForExpiry(db: Db, now: string, limit: number) {
  return db
    .selectFrom("data_export")
    .select(["id", "storage_key"])
    .where("status", "=", "ready")
    .where("expires_at", "<=", now)
    .orderBy("expires_at")
    .limit(limit)
    .execute();
}
