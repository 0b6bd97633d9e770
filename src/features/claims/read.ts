import type { Kysely } from "kysely";
import { type Tables, toInstant } from "../../db/tables.ts";
import { OPEN_CLAIM_STATUSES } from "../../domain/claim-lifecycle.ts";
import type { Actor } from "../../server/actor.ts";
import { authorize } from "../../server/policy.ts";
import { notFound } from "../../server/problem.ts";
import { noteStaffLook } from "../access-log/service.ts";
import { findRegistration } from "../registration/queries.ts";
import type { ClaimsContext } from "./context.ts";
import { pendingKey } from "./pending-files.ts";
import {
  type ClaimRow,
  findClaim,
  findClaimFile,
  listClaimEvents,
  listClaimFiles,
  listClaimsOfRegistration,
  listReviewQueue,
} from "./queries.ts";
import type { Claim, QueueItem, ReviewQueueFilter } from "./schemas.ts";

const DAY_MS = 86_400_000;
/** The queue shows the oldest claims first; more than this is not a queue one reads. */
const QUEUE_LIMIT = 200;

/**
 * Claims with their files and history, whatever their number in three queries: the claims (read
 * by the caller), then the files and the events of all of them.
 */
async function presentClaims(db: Kysely<Tables>, claims: readonly ClaimRow[]): Promise<Claim[]> {
  const ids = claims.map((c) => c.id);
  const [files, events] = await Promise.all([listClaimFiles(db, ids), listClaimEvents(db, ids)]);
  return claims.map((claim) => ({
    id: claim.id,
    registrationId: claim.registration_id,
    status: claim.status,
    purchaseDate: claim.purchase_date,
    seller: claim.seller,
    serial: claim.unit_serial,
    productNames: { nb: claim.name_nb, en: claim.name_en },
    createdAt: toInstant(claim.created_at),
    updatedAt: toInstant(claim.updated_at),
    files: files
      .filter((f) => f.claim_id === claim.id)
      .map((f) => ({
        id: f.id,
        mediaType: f.media_type,
        size: f.size,
        name: f.name,
        url: `/api/v1/claims/${claim.id}/files/${f.id}`,
      })),
    events: events
      .filter((e) => e.claim_id === claim.id)
      .map((e) => ({
        kind: e.kind,
        by: e.actor_role === "customer" ? ("owner" as const) : ("staff" as const),
        message: e.message,
        at: toInstant(e.created_at),
      })),
  }));
}

/** A claim with its files and history, for its owner and staff. */
export async function readClaim(ctx: ClaimsContext, actor: Actor, claimId: string): Promise<Claim> {
  const claim = await findClaim(ctx.database.db, claimId);
  if (!claim) throw notFound("claim");
  authorize(actor, { kind: "claim.read", ownerId: claim.owner_id });
  await noteStaffLook(
    ctx.database.db,
    actor,
    { ownerId: claim.owner_id, what: "claim", subjectId: claimId },
    ctx.clock.now(),
  );
  const [presented] = await presentClaims(ctx.database.db, [claim]);
  if (!presented) throw notFound("claim");
  return presented;
}

/** The claims of a product, newest first. */
export async function claimsOfRegistration(
  ctx: ClaimsContext,
  actor: Actor,
  registrationId: string,
): Promise<Claim[]> {
  const registration = await findRegistration(ctx.database.db, registrationId);
  if (!registration) throw notFound("registration");
  authorize(actor, { kind: "claim.read", ownerId: registration.owner_id });
  await noteStaffLook(
    ctx.database.db,
    actor,
    { ownerId: registration.owner_id, what: "claims", subjectId: registrationId },
    ctx.clock.now(),
  );
  return presentClaims(ctx.database.db, await listClaimsOfRegistration(ctx.database.db, registrationId));
}

/** The reviewers' queue: open claims (or those of one status), oldest first, with their age in days. */
export async function reviewQueue(
  ctx: ClaimsContext,
  actor: Actor,
  filter: ReviewQueueFilter,
): Promise<QueueItem[]> {
  authorize(actor, { kind: "claim.review" });
  const now = ctx.clock.now().getTime();
  const rows = await listReviewQueue(ctx.database.db, ctx.database.dialect, {
    statuses: filter.status ? [filter.status] : OPEN_CLAIM_STATUSES,
    createdBefore: filter.minAgeDays ? new Date(now - filter.minAgeDays * DAY_MS) : null,
    limit: QUEUE_LIMIT,
  });
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    createdAt: toInstant(r.created_at),
    ageDays: Math.floor((now - Date.parse(toInstant(r.created_at))) / DAY_MS),
    purchaseDate: r.purchase_date,
    seller: r.seller,
    serial: r.unit_serial,
    productNames: { nb: r.name_nb, en: r.name_en },
    ownerName: r.owner_name,
  }));
}

/** A proof file, for its owner and staff only. */
export async function readClaimFile(ctx: ClaimsContext, actor: Actor, claimId: string, fileId: string) {
  const row = await findClaimFile(ctx.database.db, claimId, fileId);
  if (!row) throw notFound("file");
  authorize(actor, { kind: "claim.read", ownerId: row.owner_id });
  await noteStaffLook(
    ctx.database.db,
    actor,
    { ownerId: row.owner_id, what: "claim-file", subjectId: fileId },
    ctx.clock.now(),
  );
  // Between the commit and the move (or after a crash there) the file is still under its pending key.
  const bytes = (await ctx.storage.get(row.storage_key)) ?? (await ctx.storage.get(pendingKey(fileId)));
  if (!bytes) throw notFound("file");
  return { bytes, mediaType: row.media_type, name: row.name };
}
