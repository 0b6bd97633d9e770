import { type Kysely, sql } from "kysely";
import type { DialectName } from "../../db/database.ts";
import { newRowId } from "../../db/row-id.ts";
import type { Tables } from "../../db/tables.ts";
import { type ClaimStatus, OPEN_CLAIM_STATUSES } from "../../domain/claim-lifecycle.ts";

/** Every query of warranty claims: the claim, its files, its history and what an approval confirms. */

type Db = Kysely<Tables>;

/**
 * Open, as the partial indexes on open claims name it: inlined as literals (not parameters), since
 * a database matches a partial index only by a predicate it can compare with the index's own.
 */
const OPEN_PREDICATE = sql<boolean>`status in (${sql.join(OPEN_CLAIM_STATUSES.map((status) => sql.lit(status)))})`;

/** Claims with the product (unit and model) they are about: the join every view needs. */
function claimsWithProduct(db: Db) {
  return db
    .selectFrom("warranty_claim")
    .innerJoin("unit", "unit.serial", "warranty_claim.unit_serial")
    .innerJoin("model", "model.code", "unit.model_code")
    .selectAll("warranty_claim")
    .select(["model.name_nb", "model.name_en", "unit.manufactured_on"]);
}

export type ClaimRow = NonNullable<Awaited<ReturnType<typeof findClaim>>>;

export async function findClaim(db: Db, id: string) {
  return claimsWithProduct(db).where("warranty_claim.id", "=", id).executeTakeFirst();
}

/** A product's claims, newest first (by `warranty_claim_registration_idx`). */
export function claimsOfRegistrationQuery(db: Db, registrationId: string) {
  return claimsWithProduct(db)
    .where("warranty_claim.registration_id", "=", registrationId)
    .orderBy("warranty_claim.created_at", "desc")
    .orderBy("warranty_claim.id");
}

export async function listClaimsOfRegistration(db: Db, registrationId: string) {
  return claimsOfRegistrationQuery(db, registrationId).execute();
}

/**
 * The claims of these products that wait for their owner's answer, by `warranty_claim_registration_idx`:
 * every claim of the products is read and the status picked here, because a condition on the status
 * in SQL lets the planner walk the reviewers' queue index, past every owner's claims of that status.
 */
export async function listClaimsAwaitingOwner(db: Db, registrationIds: readonly string[]) {
  if (registrationIds.length === 0) return [];
  const claims = await db
    .selectFrom("warranty_claim")
    .select(["id", "registration_id", "status"])
    .where("registration_id", "in", registrationIds)
    .execute();
  return claims
    .filter((c) => c.status === "more-info")
    .map(({ id, registration_id }) => ({ id, registration_id }));
}

/** The files of some claims, in one query (by `claim_file_claim_idx`). */
export function claimFilesQuery(db: Db, claimIds: readonly string[]) {
  return db
    .selectFrom("claim_file")
    .select(["id", "claim_id", "media_type", "size", "name", "created_at"])
    .where("claim_id", "in", claimIds)
    .orderBy("created_at")
    .orderBy("id");
}

export async function listClaimFiles(db: Db, claimIds: readonly string[]) {
  return claimIds.length === 0 ? [] : claimFilesQuery(db, claimIds).execute();
}

/** The history of some claims, in one query (by `claim_event_claim_idx`). */
export function claimEventsQuery(db: Db, claimIds: readonly string[]) {
  return db
    .selectFrom("claim_event")
    .select(["claim_id", "kind", "actor_role", "message", "created_at"])
    .where("claim_id", "in", claimIds)
    .orderBy("created_at")
    .orderBy("id");
}

export async function listClaimEvents(db: Db, claimIds: readonly string[]) {
  return claimIds.length === 0 ? [] : claimEventsQuery(db, claimIds).execute();
}

/** The product's claim that is not decided yet, if any (at most one: the partial unique index). */
export async function findOpenClaimOfRegistration(db: Db, registrationId: string) {
  return db
    .selectFrom("warranty_claim")
    .select("id")
    .where("registration_id", "=", registrationId)
    .where("status", "in", OPEN_CLAIM_STATUSES)
    .executeTakeFirst();
}

/**
 * Inserts a new claim unless the product has an open one: `warranty_claim_one_open_idx` decides,
 * also between two submissions at the same moment. False when the product had one.
 */
export async function insertClaim(
  db: Db,
  row: {
    id: string;
    registrationId: string;
    ownerId: string;
    serial: string;
    modelCode: string;
    purchaseDate: string;
    seller: string;
    at: Date;
  },
): Promise<boolean> {
  const at = row.at.toISOString();
  const result = await db
    .insertInto("warranty_claim")
    .values({
      id: row.id,
      registration_id: row.registrationId,
      owner_id: row.ownerId,
      unit_serial: row.serial,
      model_code: row.modelCode,
      purchase_date: row.purchaseDate,
      seller: row.seller,
      status: "submitted",
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.column("registration_id").where(OPEN_PREDICATE).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Moves a claim from the status it was read in to the next; false when it is no longer in that
 * status (someone else changed it meanwhile), and then nothing is written.
 */
export async function updateClaimStatus(
  db: Db,
  change: { id: string; from: ClaimStatus; to: ClaimStatus; at: Date; purchaseDate?: string },
): Promise<boolean> {
  const result = await db
    .updateTable("warranty_claim")
    .set({
      status: change.to,
      updated_at: change.at.toISOString(),
      ...(change.purchaseDate ? { purchase_date: change.purchaseDate } : {}),
    })
    .where("id", "=", change.id)
    .where("status", "=", change.from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertClaimFile(
  db: Db,
  row: {
    id: string;
    claimId: string;
    storageKey: string;
    mediaType: string;
    size: number;
    name: string;
    at: Date;
  },
): Promise<void> {
  await db
    .insertInto("claim_file")
    .values({
      id: row.id,
      claim_id: row.claimId,
      storage_key: row.storageKey,
      media_type: row.mediaType,
      size: row.size,
      name: row.name,
      created_at: row.at.toISOString(),
    })
    .execute();
}

export async function insertClaimEvent(
  db: Db,
  row: { claimId: string; actorRole: string; kind: string; message: string | null; at: Date },
): Promise<void> {
  await db
    .insertInto("claim_event")
    .values({
      id: newRowId(),
      claim_id: row.claimId,
      actor_role: row.actorRole,
      kind: row.kind,
      message: row.message,
      created_at: row.at.toISOString(),
    })
    .execute();
}

/** Who to tell about a claim, and what to call the product in the mail. */
export async function findClaimRecipient(db: Db, claimId: string) {
  return db
    .selectFrom("warranty_claim")
    .innerJoin("user", "user.id", "warranty_claim.owner_id")
    .innerJoin("registration", "registration.id", "warranty_claim.registration_id")
    .innerJoin("unit", "unit.serial", "warranty_claim.unit_serial")
    .innerJoin("model", "model.code", "unit.model_code")
    .select([
      "user.email",
      "user.name",
      "user.locale",
      "registration.nickname",
      "model.name_nb",
      "model.name_en",
      "warranty_claim.registration_id",
    ])
    .where("warranty_claim.id", "=", claimId)
    .executeTakeFirstOrThrow();
}

/**
 * The reviewers' queue, oldest first: every open claim or those of one status, created at or
 * before an instant. Either is one ordered walk of an index that stops after `limit` rows: every
 * open claim on `warranty_claim_open_queue_idx` (created_at, id and what the page shows, of open
 * claims only), one status on `warranty_claim_queue_idx` (status, created_at, id). Only the page
 * is joined, to its model (by the model the claim keeps) and its owner. A `status in (…) order by created_at` on the status index would read and sort
 * every open claim (tens of thousands at a manufacturer's scale) for each page.
 */
export function reviewQueueQuery(
  db: Db,
  dialect: DialectName,
  filter: { statuses: readonly ClaimStatus[]; createdBefore: Date | null; limit: number },
) {
  const [only, ...more] = filter.statuses;
  if (!only) throw new Error("the review queue needs at least one status");
  const everyOpen =
    OPEN_CLAIM_STATUSES.length === filter.statuses.length &&
    OPEN_CLAIM_STATUSES.every((status) => filter.statuses.includes(status));
  if (!everyOpen && more.length > 0) throw new Error("the review queue takes one status or every open one");
  // SQLite's planner prefers the status index and a sort of every open claim: it is told which
  // index to walk (and fails, rather than scan, should the index ever be missing). The table is
  // the same, so the builder may take it for the table's name.
  const claims =
    everyOpen && dialect === "sqlite"
      ? (sql`warranty_claim indexed by warranty_claim_open_queue_idx` as unknown as "warranty_claim")
      : "warranty_claim";
  // The walk reads what the page shows of each claim from the index of open claims alone.
  let walk = db
    .selectFrom(claims)
    .select([
      "warranty_claim.id",
      "warranty_claim.created_at",
      "warranty_claim.status",
      "warranty_claim.owner_id",
      "warranty_claim.model_code",
      "warranty_claim.unit_serial",
      "warranty_claim.purchase_date",
      "warranty_claim.seller",
    ])
    .where((eb) => (everyOpen ? OPEN_PREDICATE : eb("warranty_claim.status", "=", only)))
    .orderBy("warranty_claim.created_at")
    .orderBy("warranty_claim.id")
    .limit(filter.limit);
  if (filter.createdBefore)
    walk = walk.where("warranty_claim.created_at", "<=", filter.createdBefore.toISOString());
  // Only the page is joined: its model from the catalogue, its owner's name.
  return db
    .selectFrom(walk.as("page"))
    .innerJoin("model", "model.code", "page.model_code")
    .innerJoin("user", "user.id", "page.owner_id")
    .select([
      "page.id",
      "page.status",
      "page.created_at",
      "page.purchase_date",
      "page.seller",
      "page.unit_serial",
      "model.name_nb",
      "model.name_en",
      "user.name as owner_name",
    ])
    .orderBy("page.created_at")
    .orderBy("page.id")
    .limit(filter.limit);
}

export async function listReviewQueue(
  db: Db,
  dialect: DialectName,
  filter: Parameters<typeof reviewQueueQuery>[2],
) {
  return reviewQueueQuery(db, dialect, filter).execute();
}

/** A proof file of a claim, with the claim's owner (who may read it). */
export async function findClaimFile(db: Db, claimId: string, fileId: string) {
  return db
    .selectFrom("claim_file")
    .innerJoin("warranty_claim", "warranty_claim.id", "claim_file.claim_id")
    .select(["claim_file.storage_key", "claim_file.media_type", "claim_file.name", "warranty_claim.owner_id"])
    .where("claim_file.id", "=", fileId)
    .where("claim_file.claim_id", "=", claimId)
    .executeTakeFirst();
}

/** Where a file is kept, if its row was committed (the pending-file sweep asks this). */
export async function findClaimFileKey(db: Db, fileId: string): Promise<string | null> {
  const row = await db
    .selectFrom("claim_file")
    .select("storage_key")
    .where("id", "=", fileId)
    .executeTakeFirst();
  return row?.storage_key ?? null;
}
