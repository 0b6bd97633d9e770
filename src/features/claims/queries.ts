import { randomUUID } from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { Tables } from "../../db/tables.ts";
import { type ClaimStatus, OPEN_CLAIM_STATUSES } from "../../domain/claim-lifecycle.ts";

/** Every query of warranty claims: the claim, its files, its history and what an approval confirms. */

type Db = Kysely<Tables>;

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
      purchase_date: row.purchaseDate,
      seller: row.seller,
      status: "submitted",
      created_at: at,
      updated_at: at,
    })
    // The predicate is inlined as literals (not parameters): a database matches a partial unique
    // index only by a predicate it can compare with the index's own.
    .onConflict((oc) =>
      oc
        .column("registration_id")
        .where(sql<boolean>`status in (${sql.join(OPEN_CLAIM_STATUSES.map((status) => sql.lit(status)))})`)
        .doNothing(),
    )
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
      id: randomUUID(),
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
 * The reviewers' queue, oldest first: one status or all open ones, created at or before an
 * instant. Each status is one ordered walk of `warranty_claim_queue_idx` (status, created_at, id)
 * that stops after `limit` rows; the walks are merged and only the page is joined to its unit,
 * model and owner. A single `status in (…) order by created_at` would read and sort every open
 * claim (tens of thousands at a manufacturer's scale) for each page.
 */
export function reviewQueueQuery(
  db: Db,
  filter: { statuses: readonly ClaimStatus[]; createdBefore: Date | null; limit: number },
) {
  const walks = filter.statuses.map((status) => {
    let walk = db
      .selectFrom("warranty_claim")
      .select(["warranty_claim.id", "warranty_claim.created_at"])
      .where("warranty_claim.status", "=", status)
      .orderBy("warranty_claim.created_at")
      .orderBy("warranty_claim.id")
      .limit(filter.limit);
    if (filter.createdBefore)
      walk = walk.where("warranty_claim.created_at", "<=", filter.createdBefore.toISOString());
    // A compound select takes no ORDER BY or LIMIT in its parts: each walk is a subquery of its own.
    return db.selectFrom(walk.as("walk")).select(["walk.id", "walk.created_at"]);
  });
  const [first, ...rest] = walks;
  if (!first) throw new Error("the review queue needs at least one status");
  const merged = rest.reduce((union, walk) => union.unionAll(walk), first);
  // The page's ids first, so that only the page is joined.
  const page = db
    .selectFrom(merged.as("merged"))
    .select(["merged.id", "merged.created_at"])
    .orderBy("merged.created_at")
    .orderBy("merged.id")
    .limit(filter.limit);
  return db
    .selectFrom(page.as("page"))
    .innerJoin("warranty_claim", "warranty_claim.id", "page.id")
    .innerJoin("unit", "unit.serial", "warranty_claim.unit_serial")
    .innerJoin("model", "model.code", "unit.model_code")
    .innerJoin("user", "user.id", "warranty_claim.owner_id")
    .select([
      "warranty_claim.id",
      "warranty_claim.status",
      "warranty_claim.created_at",
      "warranty_claim.purchase_date",
      "warranty_claim.seller",
      "warranty_claim.unit_serial",
      "model.name_nb",
      "model.name_en",
      "user.name as owner_name",
    ])
    .orderBy("page.created_at")
    .orderBy("page.id")
    .limit(filter.limit);
}

export async function listReviewQueue(db: Db, filter: Parameters<typeof reviewQueueQuery>[1]) {
  return reviewQueueQuery(db, filter).execute();
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
