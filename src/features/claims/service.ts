import type { Kysely } from "kysely";
import { newRowId } from "../../db/row-id.ts";
import type { Tables } from "../../db/tables.ts";
import {
  type ClaimDecision,
  type ClaimRefusal,
  type ClaimStatus,
  nextClaimStatus,
} from "../../domain/claim-lifecycle.ts";
import { isLocale } from "../../messages/catalog.ts";
import type { Actor } from "../../server/actor.ts";
import type { Upload } from "../../server/multipart-form.ts";
import { authorize } from "../../server/policy.ts";
import { notFound, Problem } from "../../server/problem.ts";
import { audit } from "../audit/service.ts";
import { enqueueMail } from "../outbox/mail.ts";
import { findRegistration } from "../registration/queries.ts";
import { checkPurchaseDate } from "../registration/service.ts";
import { confirmPurchaseByClaim } from "../warranty/confirmations.ts";
import type { ClaimsContext } from "./context.ts";
import { type StagedProof, withPendingProof } from "./pending-files.ts";
import { prepareProof } from "./proof.ts";
import {
  type ClaimRow,
  findClaim,
  findClaimRecipient,
  findOpenClaimOfRegistration,
  insertClaim,
  insertClaimEvent,
  insertClaimFile,
  updateClaimStatus,
} from "./queries.ts";
import { readClaim } from "./read.ts";
import type { Claim, ClaimForm } from "./schemas.ts";

/** The commands on a claim: the owner submits and replies, a reviewer decides. */

type Db = Kysely<Tables>;

const REFUSALS: Record<ClaimRefusal, string> = {
  "claim.decided": "This claim is decided already.",
  "claim.not_waiting": "This claim is not waiting for more information.",
  "claim.reason_required": "Give the owner a reason.",
};

const refused = (refusal: ClaimRefusal) => new Problem(refusal, REFUSALS[refusal]);

/** The conditional update found the claim in another status than the one this step was decided on. */
const changedMeanwhile = () =>
  new Problem("claim.changed", "Someone else changed this claim meanwhile; reload it and try again.");

/** Tells the owner what happened to the claim, in their language, through the outbox. */
async function mailOwner(
  db: Db,
  ctx: ClaimsContext,
  claimId: string,
  status: ClaimStatus,
  reason: string | null,
) {
  const row = await findClaimRecipient(db, claimId);
  const locale = isLocale(row.locale) ? row.locale : "nb";
  await enqueueMail(
    { db },
    {
      to: row.email,
      locale,
      template: "claim-update",
      values: {
        name: row.name,
        product: row.nickname ?? (locale === "nb" ? row.name_nb : row.name_en),
        status: status.replace("-", "_"), // ICU selectors cannot hold hyphens
        reason: reason ?? "none",
        url: `${ctx.config.publicUrl}/products/${row.registration_id}`,
      },
      at: ctx.clock.now(),
    },
  );
}

/**
 * What every step of a claim leaves behind, in the step's transaction (so only the step that
 * won): its file, an event in the claim's history, a line in the audit log and a mail to the owner.
 */
async function recordStep(
  db: Db,
  ctx: ClaimsContext,
  actor: Actor,
  claim: { id: string; ownerId: string },
  step: {
    event: string;
    action: string;
    status: ClaimStatus;
    message: string | null;
    reason: string | null;
    file: StagedProof | null;
    at: Date;
    detail?: Record<string, unknown>;
  },
) {
  if (step.file) {
    await insertClaimFile(db, {
      id: step.file.id,
      claimId: claim.id,
      storageKey: step.file.storageKey,
      mediaType: step.file.type,
      size: step.file.bytes.length,
      name: step.file.name,
      at: step.at,
    });
  }
  await insertClaimEvent(db, {
    claimId: claim.id,
    actorRole: actor.role,
    kind: step.event,
    message: step.message,
    at: step.at,
  });
  await audit(db, {
    actor,
    action: step.action,
    ownerId: claim.ownerId,
    subjectType: "claim",
    subjectId: claim.id,
    at: step.at,
    ...(step.detail ? { detail: step.detail } : {}),
  });
  await mailOwner(db, ctx, claim.id, step.status, step.reason);
}

/**
 * The owner submits a purchase date, the seller and a proof for a registered product (R12). A
 * product has at most one open claim: the index decides, also between two submissions at once.
 */
export async function submitClaim(
  ctx: ClaimsContext,
  actor: Actor,
  registrationId: string,
  input: ClaimForm & { file: Upload },
): Promise<Claim> {
  const registration = await findRegistration(ctx.database.db, registrationId);
  if (!registration) throw notFound("registration");
  authorize(actor, { kind: "claim.create", ownerId: registration.owner_id });
  checkPurchaseDate(ctx.config, ctx.clock, input.purchaseDate, registration.manufactured_on);
  const proof = prepareProof(input.file);

  const id = newRowId();
  const at = ctx.clock.now();
  await withPendingProof(ctx.storage, id, proof, (file) =>
    ctx.database.db.transaction().execute(async (trx) => {
      const inserted = await insertClaim(trx, {
        id,
        registrationId,
        ownerId: registration.owner_id,
        serial: registration.unit_serial,
        modelCode: registration.model_code,
        purchaseDate: input.purchaseDate,
        seller: input.seller,
        at,
      });
      if (!inserted) {
        const open = await findOpenClaimOfRegistration(trx, registrationId);
        throw new Problem(
          "claim.open_exists",
          "This product has a claim that is not decided yet.",
          open ? { claimId: open.id } : {},
        );
      }
      await recordStep(
        trx,
        ctx,
        actor,
        { id, ownerId: registration.owner_id },
        {
          event: "submitted",
          action: "claim.submitted",
          status: "submitted",
          message: null,
          reason: null,
          file,
          at,
        },
      );
    }),
  );
  return readClaim(ctx, actor, id);
}

/** The owner answers a request for more information, with a message and optionally a new file. */
export async function replyToClaim(
  ctx: ClaimsContext,
  actor: Actor,
  claimId: string,
  input: { message: string; file: Upload | null },
): Promise<Claim> {
  const claim = await findClaim(ctx.database.db, claimId);
  if (!claim) throw notFound("claim");
  return replyToClaimAsRead(ctx, actor, claim, input);
}

/**
 * The reply, decided on the claim as it was read: it is written only if the claim is still in
 * that status when the transaction runs, else `claim.changed` and nothing is written.
 */
export async function replyToClaimAsRead(
  ctx: ClaimsContext,
  actor: Actor,
  claim: ClaimRow,
  input: { message: string; file: Upload | null },
): Promise<Claim> {
  authorize(actor, { kind: "claim.create", ownerId: claim.owner_id });
  const move = nextClaimStatus(claim.status, { kind: "reply" });
  if (!move.ok) throw refused(move.refusal);
  const proof = input.file ? prepareProof(input.file) : null;
  const at = ctx.clock.now();
  await withPendingProof(ctx.storage, claim.id, proof, (file) =>
    ctx.database.db.transaction().execute(async (trx) => {
      if (!(await updateClaimStatus(trx, { id: claim.id, from: claim.status, to: move.next, at })))
        throw changedMeanwhile();
      await recordStep(
        trx,
        ctx,
        actor,
        { id: claim.id, ownerId: claim.owner_id },
        {
          event: "reply",
          action: "claim.replied",
          status: move.next,
          message: input.message,
          reason: null,
          file,
          at,
        },
      );
    }),
  );
  return readClaim(ctx, actor, claim.id);
}

export interface DecisionInput {
  decision: ClaimDecision;
  reason?: string | undefined;
  purchaseDate?: string | undefined;
}

/**
 * A reviewer's decision: take it into review, ask for more, approve (which confirms the purchase
 * date: the warranty then counts from it) or reject. A request for more and a rejection carry a
 * reason the owner reads.
 */
export async function decideClaim(
  ctx: ClaimsContext,
  actor: Actor,
  claimId: string,
  input: DecisionInput,
): Promise<Claim> {
  authorize(actor, { kind: "claim.review" });
  const claim = await findClaim(ctx.database.db, claimId);
  if (!claim) throw notFound("claim");
  return decideClaimAsRead(ctx, actor, claim, input);
}

/**
 * The decision, made on the claim as it was read: of two reviewers who read the same claim, the
 * first to commit wins and the other gets `claim.changed`, with nothing written for them.
 */
export async function decideClaimAsRead(
  ctx: ClaimsContext,
  actor: Actor,
  claim: ClaimRow,
  input: DecisionInput,
): Promise<Claim> {
  authorize(actor, { kind: "claim.review" });
  const reason = input.reason?.trim() || null;
  const move = nextClaimStatus(claim.status, { kind: "decide", decision: input.decision, reason });
  if (!move.ok) throw refused(move.refusal);
  const approved = move.next === "approved";
  const purchaseDate = input.purchaseDate ?? claim.purchase_date;
  if (approved) checkPurchaseDate(ctx.config, ctx.clock, purchaseDate, claim.manufactured_on);

  const at = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const changed = await updateClaimStatus(trx, {
      id: claim.id,
      from: claim.status,
      to: move.next,
      at,
      ...(approved ? { purchaseDate } : {}),
    });
    if (!changed) throw changedMeanwhile();
    if (approved) {
      await confirmPurchaseByClaim(trx, ctx.config, {
        claimId: claim.id,
        serial: claim.unit_serial,
        confirmedOn: purchaseDate,
        at,
      });
    }
    await recordStep(
      trx,
      ctx,
      actor,
      { id: claim.id, ownerId: claim.owner_id },
      {
        event: move.next,
        action: `claim.${move.next}`,
        status: move.next,
        message: reason,
        reason,
        file: null,
        at,
        detail: { reason, purchaseDate },
      },
    );
  });
  return readClaim(ctx, actor, claim.id);
}
