import type { Kysely } from "kysely";
import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import { newRowId } from "../../db/row-id.ts";
import { type Tables, toInstant } from "../../db/tables.ts";
import { todayIn } from "../../domain/calendar-date.ts";
import type { Clock } from "../../domain/clock.ts";
import { maskIdentifier } from "../../domain/identifier.ts";
import { answerBy, type TransferEvent, transferStepFrom } from "../../domain/transfer.ts";
import { isLocale, type Locale } from "../../messages/catalog.ts";
import type { Actor } from "../../server/actor.ts";
import type { Upload } from "../../server/multipart-form.ts";
import { authorize } from "../../server/policy.ts";
import { notFound, Problem } from "../../server/problem.ts";
import { noteStaffLook, staffNumber } from "../access-log/service.ts";
import { audit } from "../audit/service.ts";
import { pendingKey, withPendingFile } from "../claims/pending-files.ts";
import { prepareProof } from "../claims/proof.ts";
import type { FileStorage } from "../claims/storage.ts";
import { enqueueMail } from "../outbox/mail.ts";
import { identificationProblem, identify } from "../registration/identify.ts";
import { changingOwnedModels } from "../registration/owned-models.ts";
import {
  activeRegistrationOfUnit,
  findRegistration,
  insertPurchaseDateEvent,
  insertRegistration,
  removeRegistration,
} from "../registration/queries.ts";
import { alreadyYours } from "../registration/register.ts";
import { reverseRegistrationPoints } from "../rewards/service.ts";
import { scheduleReminders } from "../warranty/service.ts";
import {
  findPendingTransfer,
  findTransfer,
  insertTransfer,
  listStaffQueue,
  listTransfersOf,
  listUnansweredBefore,
  stepTransfer,
  type TransferRow,
} from "./queries.ts";
import type { Transfer } from "./schemas.ts";

export interface TransfersContext {
  database: Database;
  config: Config;
  clock: Clock;
  storage: FileStorage;
}

type Db = Kysely<Tables>;

/** The same person's other request for the unit was written first: theirs is the one kept. */
class LostRace extends Error {}

const transferKey = (requestId: string, fileId: string) => `transfers/${requestId}/${fileId}`;

/** The request as `viewer` may see it: the one who asked never learns who holds the product. */
function present(row: TransferRow, viewer: Transfer["role"]): Transfer {
  return {
    id: row.id,
    status: row.status,
    productNames: { nb: row.name_nb, en: row.name_en },
    serialMasked: maskIdentifier(row.unit_serial),
    createdAt: toInstant(row.created_at),
    answerBy: row.answer_by ? toInstant(row.answer_by) : null,
    note: row.note,
    role: viewer,
    requesterName: viewer === "requester" ? null : row.requester_name,
    ownerAnswer: row.owner_answer,
    ownerName: viewer === "staff" ? (row.holder_name ?? null) : null,
    proof:
      viewer !== "owner" && row.proof_key && row.proof_type && row.proof_name
        ? { name: row.proof_name, mediaType: row.proof_type, size: row.proof_size ?? 0 }
        : null,
    decision: row.decided_at
      ? {
          at: toInstant(row.decided_at),
          by: row.decided_by_role ?? "customer",
          staffNumber: row.decided_by_number,
          reason: row.decision_reason,
        }
      : null,
  };
}

function viewerOf(actor: Actor, row: TransferRow): Transfer["role"] {
  if (actor.userId === row.requester_id) return "requester";
  if (actor.userId === row.owner_id) return "owner";
  return "staff";
}

/** What each step tells each person, as the mail's `what` (ICU selectors hold no hyphens). */
type MailStep = "asked" | "accepted" | "declined" | "expired" | "approved" | "refused";

/** Mails both people about a step; the owner asked to answer only when the request named one. */
async function mailBoth(
  db: Db,
  ctx: TransfersContext,
  row: TransferRow,
  step: MailStep,
  reason: string | null,
) {
  const date = row.answer_by ? todayIn(ctx.config.timeZone, new Date(toInstant(row.answer_by))) : "";
  const send = (to: string, name: string, locale: string | null, who: "owner" | "requester") => {
    const lang: Locale = isLocale(locale) ? locale : "nb";
    return enqueueMail(
      { db },
      {
        to,
        locale: lang,
        template: "transfer-update",
        values: {
          name,
          product: lang === "nb" ? row.name_nb : row.name_en,
          what: `${step}_${who}`,
          date,
          reason: reason ?? "none",
          url: `${ctx.config.publicUrl}/transfers`,
        },
        dedupeKey: `transfer:${row.id}:${step}:${who}`,
        at: ctx.clock.now(),
      },
    );
  };
  await send(row.requester_email, row.requester_name, row.requester_locale, "requester");
  if (row.holder_email && row.holder_name)
    await send(row.holder_email, row.holder_name, row.holder_locale, "owner");
}

async function transferOrThrow(db: Db, id: string): Promise<TransferRow> {
  const row = await findTransfer(db, id);
  if (!row) throw notFound("transfer");
  return row;
}

/**
 * Someone who found a product registered to another account asks for it, with a proof (a receipt
 * or a photo of the rating plate). The owner is asked by mail to answer within `ANSWER_DAYS`
 * days; the answer never says who the owner is. One pending request per person and unit: asking
 * again returns the pending one.
 *
 * @throws Problem `transfer.not_needed` (nobody holds it), `registration.already_yours`, an
 *   identification problem, or a refused proof file
 */
export async function requestTransfer(
  ctx: TransfersContext,
  actor: Actor,
  form: { identifier: string; note?: string | undefined; file: Upload },
): Promise<{ transfer: Transfer; created: boolean }> {
  authorize(actor, { kind: "registration.create" });
  const { db } = ctx.database;
  const found = await identify(db, form.identifier, undefined);
  if (!found.ok) throw identificationProblem(found.check);
  const serial = found.unit.serial;
  const active = await activeRegistrationOfUnit(db, serial);
  if (!active)
    throw new Problem(
      "transfer.not_needed",
      "This product is not registered to anyone: register it yourself.",
    );
  if (active.owner_id === actor.userId) throw alreadyYours(active.id);
  const pending = await findPendingTransfer(db, serial, actor.userId);
  if (pending)
    return { transfer: present(await transferOrThrow(db, pending.id), "requester"), created: false };

  const proof = prepareProof(form.file);
  const id = newRowId();
  const at = ctx.clock.now();
  const inserted = await withPendingFile(
    ctx.storage,
    (fileId) => transferKey(id, fileId),
    proof,
    (file) =>
      db.transaction().execute(async (trx) => {
        const written = await insertTransfer(trx, {
          id,
          unit_serial: serial,
          requester_id: actor.userId,
          note: form.note || null,
          status: "awaiting-owner",
          created_at: at.toISOString(),
          owner_id: active.owner_id,
          registration_id: active.id,
          answer_by: answerBy(at).toISOString(),
          proof_key: file?.storageKey ?? null,
          proof_type: file?.type ?? null,
          proof_name: file?.name ?? null,
          proof_size: file?.bytes.length ?? null,
        });
        // Another request of the same person won the race: its file is the one kept.
        if (!written) throw new LostRace();
        await audit(trx, {
          actor,
          action: "transfer.requested",
          ownerId: active.owner_id,
          subjectType: "transfer",
          subjectId: id,
          detail: { serial },
          at,
        });
        await mailBoth(trx, ctx, await transferOrThrow(trx, id), "asked", null);
        return true;
      }),
  ).catch((error: unknown) => {
    if (error instanceof LostRace) return false;
    throw error;
  });
  const shown = inserted ? id : (await findPendingTransfer(db, serial, actor.userId))?.id;
  if (!shown) throw notFound("transfer");
  return { transfer: present(await transferOrThrow(db, shown), "requester"), created: inserted };
}

/** The requests the signed-in person made, and those they are asked to answer, newest first. */
export async function myTransfers(ctx: TransfersContext, actor: Actor) {
  const { asked, toAnswer } = await listTransfersOf(ctx.database.db, actor.userId);
  return {
    asked: asked.map((row) => present(row, "requester")),
    toAnswer: toAnswer.map((row) => present(row, "owner")),
  };
}

/**
 * The transfer requests a customer made or was asked to answer, newest first, as staff see them:
 * for the customer record, whose caller checks the policy and logs the look.
 */
export async function transfersOfCustomer(
  db: Db,
  ownerId: string,
): Promise<(Transfer & { customerAsked: boolean })[]> {
  const { asked, toAnswer } = await listTransfersOf(db, ownerId);
  return [...asked, ...toAnswer]
    .sort((a, b) => (toInstant(a.created_at) < toInstant(b.created_at) ? 1 : -1))
    .map((row) => ({ ...present(row, "staff"), customerAsked: row.requester_id === ownerId }));
}

/** One request, for the one who asked, the owner asked and staff (whose look the owner sees). */
export async function readTransfer(ctx: TransfersContext, actor: Actor, id: string): Promise<Transfer> {
  const row = await transferOrThrow(ctx.database.db, id);
  authorize(actor, { kind: "transfer.read", requesterId: row.requester_id, ownerId: row.owner_id });
  const viewer = viewerOf(actor, row);
  if (viewer === "staff") await noteStaffTransferLook(ctx, actor, row);
  return present(row, viewer);
}

/** Staff looking at a request look at both people's records: each sees the line. */
async function noteStaffTransferLook(ctx: TransfersContext, actor: Actor, row: TransferRow) {
  const at = ctx.clock.now();
  for (const ownerId of [row.requester_id, row.owner_id]) {
    if (ownerId)
      await noteStaffLook(ctx.database.db, actor, { ownerId, what: "transfer", subjectId: row.id }, at);
  }
}

/** The proof file, for the one who sent it and staff. */
export async function readTransferProof(ctx: TransfersContext, actor: Actor, id: string) {
  const row = await transferOrThrow(ctx.database.db, id);
  authorize(actor, { kind: "transfer.proof", requesterId: row.requester_id });
  if (!row.proof_key || !row.proof_type) throw notFound("file");
  if (viewerOf(actor, row) === "staff") await noteStaffTransferLook(ctx, actor, row);
  const fileId = row.proof_key.split("/").at(-1) ?? "";
  const bytes = (await ctx.storage.get(row.proof_key)) ?? (await ctx.storage.get(pendingKey(fileId)));
  if (!bytes) throw notFound("file");
  return { bytes, mediaType: row.proof_type, name: row.proof_name ?? "proof" };
}

/**
 * Moves the product to the one who asked: the owner's registration ends and the asker's begins,
 * with the purchase date the warranty counts from (it follows the unit) but none of the previous
 * owner's own facts (nickname, where it was bought). Their claims, files and repairs stay on their
 * registration. Null when the product left that registration meanwhile: nothing to hand over.
 */
async function moveProduct(
  trx: Db,
  ctx: TransfersContext,
  row: TransferRow,
  at: Date,
): Promise<string | null> {
  const active = await activeRegistrationOfUnit(trx, row.unit_serial);
  if (!active || (row.registration_id !== null && active.id !== row.registration_id)) return null;
  const old = await findRegistration(trx, active.id);
  if (!old) return null;
  const id = await changingOwnedModels(trx, [old.owner_id, row.requester_id], async () => {
    if (!(await removeRegistration(trx, old.id, at.toISOString()))) return null;
    return insertRegistration(trx, {
      unit_serial: row.unit_serial,
      owner_id: row.requester_id,
      channel: "transfer",
      purchase_date: old.purchase_date,
      purchase_place: null,
      nickname: null,
      registered_at: at.toISOString(),
    });
  });
  if (id === null) return null;
  // The product left its owner: points still pending for it are taken back, as on a removal.
  await reverseRegistrationPoints(trx, at, old.id);
  if (old.purchase_date !== null)
    await insertPurchaseDateEvent(trx, {
      registration_id: id,
      date: old.purchase_date,
      source: "transfer",
      at: at.toISOString(),
    });
  await scheduleReminders(trx, ctx.config, at, [old.id, id]);
  for (const ownerId of [old.owner_id, row.requester_id]) {
    await audit(trx, {
      actor: { userId: null, role: "system" },
      action: "transfer.transferred",
      ownerId,
      subjectType: "transfer",
      subjectId: row.id,
      detail: { serial: row.unit_serial, from: old.id, to: id },
      at,
    });
  }
  return id;
}

type Outcome = { kind: "done"; row: TransferRow } | { kind: "moved" };

/** What each event writes besides the status, and the mail it sends. */
const EVENTS: Record<
  Exclude<TransferEvent, "product-moved">,
  { to: "transferred" | "with-staff" | "refused"; answer?: "accepted" | "declined" | "none"; mail: MailStep }
> = {
  "owner-accepts": { to: "transferred", answer: "accepted", mail: "accepted" },
  "owner-declines": { to: "with-staff", answer: "declined", mail: "declined" },
  "answer-time-out": { to: "with-staff", answer: "none", mail: "expired" },
  "staff-approves": { to: "transferred", mail: "approved" },
  "staff-refuses": { to: "refused", mail: "refused" },
};

/**
 * Takes one step of a request in one transaction: the conditional update that only one of two
 * writers at once can make, then the product's move when the step hands it over. A product that
 * left the owner meanwhile closes the request instead. `decision` is one that ends it:
 * the owner's acceptance, or customer service's.
 */
async function takeStep(
  ctx: TransfersContext,
  row: TransferRow,
  event: Exclude<TransferEvent, "product-moved">,
  decision: { by: Actor; reason: string | null } | null,
  refusal: Problem,
): Promise<void> {
  const at = ctx.clock.now();
  const { to, answer, mail } = EVENTS[event];
  const outcome = await ctx.database.db.transaction().execute(async (trx): Promise<Outcome> => {
    const decided = decision && {
      decided_at: at.toISOString(),
      decided_by_role: decision.by.role,
      decided_by_number: decision.by.role === "customer" ? null : await staffNumber(trx, decision.by, at),
      decision_reason: decision.reason,
    };
    const set = { status: to, ...(answer ? { owner_answer: answer } : {}), ...decided };
    if (!(await stepTransfer(trx, row.id, transferStepFrom(event), set))) throw refusal;
    if (to === "transferred" && !(await moveProduct(trx, ctx, row, at))) {
      await stepTransfer(trx, row.id, [to], { status: "closed" });
      return { kind: "moved" };
    }
    const after = await transferOrThrow(trx, row.id);
    await mailBoth(trx, ctx, after, mail, decision?.reason ?? null);
    return { kind: "done", row: after };
  });
  if (outcome.kind === "moved")
    throw new Problem(
      "transfer.unit_moved",
      "The product is no longer registered where it was when the request was sent; the request is closed.",
    );
}

/**
 * The owner answers: accepting moves the product at once; declining sends the request to customer
 * service, who decide with the proof. Only while it waits for their answer.
 *
 * @throws Problem 409 `transfer.not_waiting`, 409 `transfer.unit_moved`
 */
export async function answerTransfer(
  ctx: TransfersContext,
  actor: Actor,
  id: string,
  decision: "accept" | "decline",
): Promise<Transfer> {
  const row = await transferOrThrow(ctx.database.db, id);
  authorize(actor, { kind: "transfer.answer", ownerId: row.owner_id });
  const accept = decision === "accept";
  await takeStep(
    ctx,
    row,
    accept ? "owner-accepts" : "owner-declines",
    accept ? { by: actor, reason: null } : null,
    new Problem("transfer.not_waiting", "The request is no longer waiting for your answer."),
  );
  return present(await transferOrThrow(ctx.database.db, id), "owner");
}

/** Customer service's queue: the requests declined or not answered in time, oldest first. */
export async function staffTransfers(ctx: TransfersContext, actor: Actor): Promise<Transfer[]> {
  authorize(actor, { kind: "transfer.decide" });
  return (await listStaffQueue(ctx.database.db, 50)).map((row) => present(row, "staff"));
}

/**
 * Customer service decides a request in its queue, with the proof and a reason both people read.
 * Of two decisions at once exactly one is taken; the other is 409 `transfer.decided`.
 */
export async function decideTransfer(
  ctx: TransfersContext,
  actor: Actor,
  id: string,
  input: { decision: "approve" | "refuse"; reason: string },
): Promise<Transfer> {
  authorize(actor, { kind: "transfer.decide" });
  const row = await transferOrThrow(ctx.database.db, id);
  const decided = new Problem("transfer.decided", "The request is decided already.");
  // Decided already: said before the look, which a closed case would otherwise need a reason for.
  if (!transferStepFrom("staff-approves").includes(row.status)) throw decided;
  await noteStaffTransferLook(ctx, actor, row);
  await takeStep(
    ctx,
    row,
    input.decision === "approve" ? "staff-approves" : "staff-refuses",
    { by: actor, reason: input.reason.replace(/\s+/g, " ") },
    decided,
  );
  return present(await transferOrThrow(ctx.database.db, id), "staff");
}

/** How many unanswered requests one run moves on: the rest wait for the next run. */
export const EXPIRY_BATCH = 100;

/**
 * Sends the requests the owner did not answer in time to customer service, mailing both people;
 * what the timer runs. Each request is its own conditional step, so an answer that comes in the
 * same moment either wins or finds the request moved on.
 */
export async function expireUnanswered(ctx: TransfersContext): Promise<number> {
  const due = await listUnansweredBefore(ctx.database.db, ctx.clock.now().toISOString(), EXPIRY_BATCH);
  let moved = 0;
  for (const { id } of due) {
    const row = await findTransfer(ctx.database.db, id);
    if (!row) continue;
    try {
      await takeStep(
        ctx,
        row,
        "answer-time-out",
        null,
        new Problem("transfer.not_waiting", "The request is no longer waiting for an answer."),
      );
      moved++;
    } catch (error) {
      if (!(error instanceof Problem && error.code === "transfer.not_waiting")) throw error;
    }
  }
  return moved;
}
