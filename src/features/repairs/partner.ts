import type { Kysely } from "kysely";
import type { Tables } from "../../db/tables.ts";
import { toInstant } from "../../db/tables.ts";
import { todayIn } from "../../domain/calendar-date.ts";
import type { RepairChannel, TimeWindow } from "../../domain/repair-channel.ts";
import {
  isBeforeReceipt,
  isRepairEnded,
  nextRepairStatus,
  type RepairDelay,
  type RepairStatus,
  startsRepairWarranty,
} from "../../domain/repair-lifecycle.ts";
import { normalizeRepairNumber } from "../../domain/repair-number.ts";
import { type RepairVerdict, repairWarrantyEnd } from "../../domain/repair-verdict.ts";
import { notFound, Problem } from "../../server/problem.ts";
import { findRegistration } from "../registration/queries.ts";
import { registerReplacement } from "../registration/replace.ts";
import type { RepairsContext } from "./context.ts";
import type { Partner } from "./network.ts";
import { photoOf } from "./photos.ts";
import {
  centreIdsOfPartner,
  findPartnerEvent,
  findRepair,
  findRepairByNumber,
  findRepairCategory,
  findRepairRecipient,
  insertRepairEvent,
  LEFT_BY_A_CENTRE,
  listPartnerJobs,
  listRepairPhotos,
  type RepairRow,
  setEventAnswer,
  updateRepair,
} from "./queries.ts";
import { parseColumn } from "./read.ts";
import type { PartnerEvent, PartnerJob } from "./schemas.ts";
import { centresThatRejected, newRepairNumber, routeRepair } from "./service.ts";
import { recordRepairStep } from "./steps.ts";

/**
 * The service partner's side of a repair: its new jobs, accepting or turning one down, and the
 * events it reports. A partner sees only the jobs of its own centres. Each event carries the
 * partner's own id: sent again, it gets the first answer and changes nothing; one that happened
 * before the repair's current status is kept in the history but does not move the status back.
 */

type Db = Kysely<Tables>;

async function presentJob(db: Db, row: RepairRow): Promise<PartnerJob> {
  const accepted = row.job_number !== null;
  const [owner, photos, registration] = await Promise.all([
    accepted ? findRepairRecipient(db, row.owner_id) : null,
    listRepairPhotos(db, row.id),
    findRegistration(db, row.registration_id),
  ]);
  return {
    requestNumber: row.request_number,
    jobNumber: row.job_number,
    centreId: row.centre_id ?? "",
    status: row.status,
    statusAt: toInstant(row.status_at),
    delay: row.delay as RepairDelay | null,
    product: {
      serial: row.unit_serial,
      model: row.model_code,
      category: row.category_code,
      purchaseDate: registration?.purchase_date ?? null,
    },
    fault: { code: row.fault_code, text: row.fault_text, startedOn: row.fault_started_on },
    channel: row.channel as RepairChannel,
    timeWindow: row.time_window as TimeWindow | null,
    verdict: row.verdict as RepairVerdict,
    contact: owner
      ? {
          name: owner.name,
          phone: row.contact_phone,
          addressLine: row.address_line,
          postalCode: row.postal_code,
          city: row.city,
        }
      : null,
    conditions: parseColumn<string[]>(row.conditions, []),
    photos: photos.map((p) => ({
      id: p.id,
      mediaType: p.media_type,
      url: `/api/v1/partner/jobs/${row.request_number}/photos/${p.id}`,
    })),
    quote: parseColumn(row.quote, null),
    createdAt: toInstant(row.created_at),
  };
}

/** The partner's job by its request or job number: 404 when there is none, 403 when it is another's. */
async function partnersJob(ctx: RepairsContext, partner: Partner, number: string): Promise<RepairRow> {
  const normalized = normalizeRepairNumber(number);
  const row = normalized ? await findRepairByNumber(ctx.database.db, normalized) : undefined;
  if (!row) throw notFound("repair");
  const centres = await centreIdsOfPartner(ctx.database.db, partner.id);
  if (!row.centre_id || !centres.includes(row.centre_id))
    throw new Problem("repair.not_yours", "This job belongs to another service partner.");
  return row;
}

/** A photo of a job, for the partner whose centre has it. */
export async function partnerJobPhoto(
  ctx: RepairsContext,
  partner: Partner,
  number: string,
  photoId: string,
) {
  return photoOf(ctx, await partnersJob(ctx, partner, number), photoId);
}

export async function partnerJobs(ctx: RepairsContext, partner: Partner, status: RepairStatus | undefined) {
  const centres = await centreIdsOfPartner(ctx.database.db, partner.id);
  const rows = await listPartnerJobs(ctx.database.db, centres, status);
  return Promise.all(rows.map((row) => presentJob(ctx.database.db, row)));
}

export async function partnerJob(ctx: RepairsContext, partner: Partner, number: string): Promise<PartnerJob> {
  return presentJob(ctx.database.db, await partnersJob(ctx, partner, number));
}

async function jobAfterWrite(ctx: RepairsContext, id: string): Promise<PartnerJob> {
  const row = await findRepair(ctx.database.db, id);
  if (!row) throw notFound("repair");
  return presentJob(ctx.database.db, row);
}

const changedMeanwhile = () =>
  new Problem("repair.changed", "The job changed meanwhile; read it and send the event again.");

/** The centre takes the job: it gets a job number. Accepting it again answers the same. */
export async function acceptJob(ctx: RepairsContext, partner: Partner, number: string): Promise<PartnerJob> {
  const row = await partnersJob(ctx, partner, number);
  if (row.job_number !== null && row.status !== "requested") return presentJob(ctx.database.db, row);
  const move = nextRepairStatus(row.status, "accepted", "routing");
  if (!move.ok)
    throw new Problem("repair.status_not_allowed", `A job that is ${row.status} cannot be accepted.`, {
      status: row.status,
      allowed: [],
    });
  const at = ctx.clock.now();
  const won = await ctx.database.db.transaction().execute(async (trx) => {
    const changed = await updateRepair(
      trx,
      row.id,
      { status: "requested", centreId: row.centre_id },
      {
        status: "accepted",
        status_at: at.toISOString(),
        job_number: newRepairNumber("RJ"),
        updated_at: at.toISOString(),
      },
    );
    if (!changed) return false;
    await recordRepairStep(
      trx,
      ctx,
      { partnerId: partner.id },
      { ...row, status: "accepted" },
      {
        kind: "accepted",
        status: "accepted",
        mail: "status",
        occurredAt: at,
        detail: { centre: row.centre_id },
      },
    );
    return true;
  });
  if (!won) {
    // Two accepts at once: the one that lost answers as a second accept does, if its centre won.
    const now = await partnersJob(ctx, partner, number);
    if (now.job_number !== null && now.centre_id === row.centre_id) return presentJob(ctx.database.db, now);
    throw changedMeanwhile();
  }
  return jobAfterWrite(ctx, row.id);
}

/**
 * The centre turns the job down with a reason: it goes to the next centre that serves it, or to
 * customer service. Only a job not yet accepted (or accepted but not yet received) can be refused.
 */
export async function rejectJob(
  ctx: RepairsContext,
  partner: Partner,
  number: string,
  reason: string,
): Promise<{ status: RepairStatus }> {
  const row = await partnersJob(ctx, partner, number);
  if (!isBeforeReceipt(row.status) || row.status === "with-customer-service")
    throw new Problem("repair.status_not_allowed", `A job that is ${row.status} cannot be turned down.`, {
      status: row.status,
      allowed: [],
    });
  const at = ctx.clock.now();
  const excluding = [...(await centresThatRejected(ctx.database.db, row.id)), row.centre_id ?? ""];
  const route = await routeRepair(ctx.database.db, row, excluding);
  await ctx.database.db.transaction().execute(async (trx) => {
    const changed = await updateRepair(
      trx,
      row.id,
      { status: row.status, centreId: row.centre_id },
      {
        status: route.status,
        status_at: at.toISOString(),
        centre_id: route.centreId,
        job_number: null,
        updated_at: at.toISOString(),
        ...LEFT_BY_A_CENTRE,
      },
    );
    if (!changed) throw changedMeanwhile();
    await recordRepairStep(
      trx,
      ctx,
      { partnerId: partner.id },
      { ...row, status: route.status },
      {
        kind: "rejected",
        status: null,
        mail: null,
        occurredAt: at,
        detail: { centre: row.centre_id, reason, next: route.centreId },
      },
    );
    await recordRepairStep(
      trx,
      ctx,
      { portal: true },
      { ...row, status: route.status },
      {
        kind: route.status,
        status: route.status,
        mail: null,
        occurredAt: at,
      },
    );
  });
  return { status: route.status };
}

export interface EventAnswer {
  eventId: string;
  applied: boolean;
  reason: "older-than-current" | null;
  job: PartnerJob;
}

/** How far ahead of our clock a partner's clock may be. */
const FUTURE_TOLERANCE_MS = 10 * 60_000;

/** Thrown inside the transaction when the event id was taken meanwhile: roll back, answer as the first time. */
class SentBefore extends Error {}

const refuse = (row: RepairRow, wanted: string, allowed: RepairStatus[]) =>
  new Problem("repair.status_not_allowed", `A job that is ${row.status} cannot become ${wanted}.`, {
    status: row.status,
    allowed,
  });

/** What an event says besides its status, as it is kept in the job's history. */
function eventDetail(event: PartnerEvent): Record<string, unknown> {
  const { eventId: _id, occurredAt: _at, status: _status, ...rest } = event;
  return rest;
}

/**
 * Checks an event that is to be applied: a status that may follow the current one, and details
 * that belong to it. A quote comes only with `quote-pending` (so a quote never changes under the
 * owner's answer), and an ended job takes no more news.
 */
function checkEvent(row: RepairRow, event: PartnerEvent, status: RepairStatus | undefined) {
  if (isRepairEnded(row.status)) throw refuse(row, event.status ?? "changed", []);
  if (status) {
    const move = nextRepairStatus(row.status, status, "partner");
    if (!move.ok) throw refuse(row, status, move.allowed);
  }
  const next = status ?? row.status;
  if (event.quote && next !== "quote-pending")
    throw new Problem("repair.quote_without_status", "Send a quote with the status quote-pending only.");
  if (status === "quote-pending" && !event.quote)
    throw new Problem("repair.quote_required", "Send the quote with the status quote-pending.");
  if (status === "replaced" && !event.replacementSerial)
    throw new Problem(
      "repair.replacement_serial_required",
      "Send the replacement's serial with the status replaced.",
    );
}

/**
 * A status event from the partner: applied when it is newer than the last one the partner reported
 * (its clock against its clock) and its status may follow the current one; kept but not applied when
 * it happened earlier; refused with the allowed next statuses when it cannot follow. The answer is
 * stored with the event, so sending the same event id for the same job again gets the same answer.
 */
export async function postJobEvent(
  ctx: RepairsContext,
  partner: Partner,
  number: string,
  event: PartnerEvent,
): Promise<EventAnswer> {
  const row = await partnersJob(ctx, partner, number);
  const before = await findPartnerEvent(ctx.database.db, partner.id, row.id, event.eventId);
  if (before?.answer) return JSON.parse(before.answer) as EventAnswer;
  const hasContent = Object.keys(eventDetail(event)).length > 0 || event.status !== undefined;
  if (!hasContent)
    throw new Problem("repair.event_empty", "The event says nothing: send a status or a detail.");
  if (row.job_number === null) throw refuse(row, event.status ?? "changed", ["accepted"]);
  const occurredAt = new Date(event.occurredAt);
  // A time ahead of ours would make every later event look older than it: a clock set wrong.
  if (occurredAt.getTime() > ctx.clock.now().getTime() + FUTURE_TOLERANCE_MS)
    throw new Problem(
      "repair.event_in_future",
      "The event's occurredAt is in the future; check the sender's clock.",
      {
        occurredAt: event.occurredAt,
      },
    );
  const last = row.partner_event_at ? new Date(toInstant(row.partner_event_at)).getTime() : null;
  const older = last !== null && occurredAt.getTime() < last;
  const status = event.status && event.status !== row.status ? event.status : undefined;
  if (!older) checkEvent(row, event, status);

  const at = ctx.clock.now();
  const next: RepairStatus = older || !status ? row.status : status;
  const delay = older
    ? row.delay
    : event.delay === "none"
      ? null
      : (event.delay ?? (status ? null : row.delay));
  try {
    return await ctx.database.db.transaction().execute(async (trx) => {
      const recorded = await insertRepairEvent(trx, {
        repair_id: row.id,
        actor: "partner",
        kind: event.status ? "status" : event.delay ? "delay" : "detail",
        status: event.status ?? null,
        applied: !older,
        occurred_at: occurredAt.toISOString(),
        recorded_at: at.toISOString(),
        partner_id: partner.id,
        partner_event_id: event.eventId,
        detail: JSON.stringify(eventDetail(event)),
        answer: null,
      });
      if (!recorded) throw new SentBefore();
      const now = older
        ? ((await findRepair(trx, row.id)) ?? row)
        : await applyEvent(trx, ctx, partner, row, event, {
            next,
            delay,
            occurredAt,
            changed: status !== undefined,
          });
      const answer: EventAnswer = {
        eventId: event.eventId,
        applied: !older,
        reason: older ? "older-than-current" : null,
        job: await presentJob(trx, now),
      };
      await setEventAnswer(trx, partner.id, row.id, event.eventId, JSON.stringify(answer));
      return answer;
    });
  } catch (error) {
    if (!(error instanceof SentBefore)) throw error;
  }
  // Sent before, also by a request running at the same time: the first answer, once it is stored.
  const stored = await findPartnerEvent(ctx.database.db, partner.id, row.id, event.eventId);
  if (!stored?.answer) throw changedMeanwhile();
  return JSON.parse(stored.answer) as EventAnswer;
}

async function applyEvent(
  trx: Db,
  ctx: RepairsContext,
  partner: Partner,
  row: RepairRow,
  event: PartnerEvent,
  change: { next: RepairStatus; delay: string | null; occurredAt: Date; changed: boolean },
): Promise<RepairRow> {
  const at = ctx.clock.now();
  const patch: Parameters<typeof updateRepair>[3] = {
    status: change.next,
    delay: change.delay,
    updated_at: at.toISOString(),
    partner_event_at: change.occurredAt.toISOString(),
    ...(change.changed ? { status_at: change.occurredAt.toISOString() } : {}),
    ...(event.quote ? { quote: JSON.stringify(event.quote) } : {}),
    ...(event.parts ? { parts: JSON.stringify(event.parts) } : {}),
    ...(event.diagnosis ? { diagnosis: event.diagnosis } : {}),
    ...(event.faultySerial ? { faulty_serial: event.faultySerial } : {}),
    ...(event.replacementSerial ? { replacement_serial: event.replacementSerial } : {}),
    ...(event.partsUsed ? { parts_used: JSON.stringify(event.partsUsed) } : {}),
    ...(event.collectionPlace ? { collection_place: event.collectionPlace } : {}),
    ...(event.returnTracking ? { return_tracking: event.returnTracking } : {}),
  };
  if (change.changed && startsRepairWarranty(change.next)) {
    const category = await findRepairCategory(trx, row.category_code);
    const completedOn = todayIn(ctx.config.timeZone, change.occurredAt);
    patch.completed_on = completedOn;
    patch.repair_warranty_end = repairWarrantyEnd(completedOn, category?.repair_warranty_months ?? 0);
  }
  if (change.changed && change.next === "replaced" && event.replacementSerial) {
    patch.registration_id = await registerReplacement(trx, ctx.config, at, {
      registrationId: row.registration_id,
      serial: event.replacementSerial,
    });
  }
  const updated = await updateRepair(trx, row.id, { status: row.status, updatedAt: row.updated_at }, patch);
  if (!updated) throw changedMeanwhile();
  const delayChanged = change.delay !== row.delay;
  if (change.changed || delayChanged || event.quote || event.parts) {
    await recordRepairStep(
      trx,
      ctx,
      { partnerId: partner.id },
      { ...row, status: change.next, delay: change.delay },
      {
        kind: change.changed ? change.next : delayChanged ? "delay" : "detail",
        status: change.changed ? change.next : null,
        mail: change.changed ? "status" : delayChanged && change.delay ? "delay" : null,
        occurredAt: change.occurredAt,
        recordEvent: false,
      },
    );
  }
  // The row as the update left it: what was read, with what was written.
  return { ...row, ...patch, status: change.next };
}
