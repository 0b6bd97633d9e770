import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { newRowId } from "../../db/row-id.ts";
import type { Tables } from "../../db/tables.ts";
import { todayIn } from "../../domain/calendar-date.ts";
import { channelNeedsTimeWindow, type RepairChannel } from "../../domain/repair-channel.ts";
import { nextRepairStatus, type RepairStatus } from "../../domain/repair-lifecycle.ts";
import { formatRepairNumber } from "../../domain/repair-number.ts";
import { provisionalVerdict, type RepairVerdict } from "../../domain/repair-verdict.ts";
import type { Actor } from "../../server/actor.ts";
import { authorize } from "../../server/policy.ts";
import { notFound, Problem } from "../../server/problem.ts";
import { noteStaffLook } from "../access-log/service.ts";
import { updateProfile } from "../profile/queries.ts";
import { readProfile } from "../profile/service.ts";
import { findRegistration } from "../registration/queries.ts";
import { warrantiesOf } from "../warranty/service.ts";
import type { RepairsContext } from "./context.ts";
import {
  channelsServed,
  findCentre,
  findCentreFor,
  findOpenRepairOfRegistration,
  findRepair,
  findRepairCategory,
  insertRepair,
  type RepairRow,
  rejectionsOf,
  setTrackingHash,
  updateRepair,
} from "./queries.ts";
import { type Label, parseColumn, presentRepair, readableRepair, trackingHash } from "./read.ts";
import type { Repair, RepairOptions, RepairRequestInput } from "./schemas.ts";
import { type RepairActor, recordRepairStep } from "./steps.ts";
import { enqueuePartnerWebhook, type PartnerWebhookType } from "./webhook.ts";

/** The commands of a repair that people give: the owner (or an agent for them) and staff. */

type Db = Kysely<Tables>;

const notRepairable = () =>
  new Problem("repair.not_repairable_here", "This product's category has no repair service in the portal.");

/** The registration a repair is for, its category's repair settings and its warranty today. */
async function repairable(ctx: RepairsContext, actor: Actor, registrationId: string) {
  const registration = await findRegistration(ctx.database.db, registrationId);
  if (!registration) throw notFound("registration");
  authorize(actor, { kind: "repair.create", ownerId: registration.owner_id });
  // The warranty from the row already read: a second read of the registration costs a request
  // the deepest index walks on a full portal.
  const [category, warranties] = await Promise.all([
    findRepairCategory(ctx.database.db, registration.category_code),
    warrantiesOf(ctx.database.db, ctx.config, [registration], ctx.clock.now()),
  ]);
  if (!category) throw notRepairable();
  const warranty = warranties.get(registration.id);
  if (!warranty) throw notFound("registration");
  return {
    registration,
    settings: {
      months: category.repair_warranty_months,
      channels: parseColumn<RepairChannel[]>(category.channels, []),
      faults: parseColumn<Label[]>(category.faults, []),
      conditions: parseColumn<Label[]>(category.conditions, []),
    },
    verdict: provisionalVerdict(warranty),
  };
}

/** What the request form offers for a product: faults, conditions, channels at the postcode, the verdict. */
export async function repairOptions(
  ctx: RepairsContext,
  actor: Actor,
  registrationId: string,
  postcode: string | undefined,
): Promise<RepairOptions> {
  const { registration, settings, verdict } = await repairable(ctx, actor, registrationId);
  await noteStaffLook(
    ctx.database.db,
    actor,
    { ownerId: registration.owner_id, what: "repair-options", subjectId: registrationId },
    ctx.clock.now(),
  );
  const profile = await readProfile(ctx.database, actor, registration.owner_id);
  const at = postcode ?? profile.postalCode ?? null;
  const served = at ? await channelsServed(ctx.database.db, registration.category_code, at) : [];
  const open = await findOpenRepairOfRegistration(ctx.database.db, registrationId);
  return {
    registrationId,
    faults: settings.faults,
    conditions: settings.conditions,
    channels: settings.channels,
    available: settings.channels.filter((c) => served.includes(c)),
    postcode: at,
    verdict,
    repairWarrantyMonths: settings.months,
    contact: {
      phone: profile.phone,
      addressLine: profile.addressLine,
      postalCode: profile.postalCode,
      city: profile.city,
    },
    openRepairId: open?.id ?? null,
    forOwner: actor.userId === registration.owner_id ? null : profile.name,
  };
}

/**
 * Gives a repair to the next centre that serves its category by its channel at its postcode
 * (passing over those that turned it down), or to customer service when none is left.
 */
export async function routeRepair(
  db: Db,
  repair: { category_code: string; channel: string; postal_code: string },
  excluding: readonly string[],
): Promise<{ status: RepairStatus; centreId: string | null; partnerId: string | null }> {
  const centre = await findCentreFor(db, {
    categoryCode: repair.category_code,
    channel: repair.channel,
    postcode: repair.postal_code,
    excluding,
  });
  return centre
    ? { status: "requested", centreId: centre.id, partnerId: centre.partner_id }
    : { status: "with-customer-service", centreId: null, partnerId: null };
}

export const newRepairNumber = (kind: "RQ" | "RJ") => formatRepairNumber(kind, randomBytes(5));

/**
 * The owner (or an agent with the owner on the phone) asks for a repair of a registered product
 * (R14). It gets a request number at once and goes to the first centre that serves it, or to
 * customer service. A product has one repair under way at a time: the index decides.
 */
export async function requestRepair(
  ctx: RepairsContext,
  actor: Actor,
  registrationId: string,
  input: RepairRequestInput,
): Promise<Repair> {
  const { registration, settings, verdict } = await repairable(ctx, actor, registrationId);
  if (!settings.faults.some((f) => f.code === input.faultCode))
    throw new Problem("repair.fault_unknown", "Choose one of the faults listed for this product.", {
      faults: settings.faults.map((f) => f.code),
    });
  const served = await channelsServed(ctx.database.db, registration.category_code, input.contact.postalCode);
  const available = settings.channels.filter((c) => served.includes(c));
  if (!available.includes(input.channel))
    throw new Problem("repair.channel_unavailable", "This way of repair is not offered at this postcode.", {
      available,
    });
  if (input.faultStartedOn && input.faultStartedOn > todayIn(ctx.config.timeZone, ctx.clock.now()))
    throw new Problem("repair.fault_date_future", "The day the fault started cannot be after today.");
  if (channelNeedsTimeWindow(input.channel) && !input.timeWindow)
    throw new Problem("repair.time_window_required", "Choose when someone may come.");
  const missing = settings.conditions.map((c) => c.code).filter((c) => !input.conditions.includes(c));
  if (missing.length > 0)
    throw new Problem("repair.conditions_unconfirmed", "Confirm every condition before the repair.", {
      missing,
    });

  const at = ctx.clock.now();
  const id = newRowId();
  const route = await routeRepair(
    ctx.database.db,
    {
      category_code: registration.category_code,
      channel: input.channel,
      postal_code: input.contact.postalCode,
    },
    [],
  );
  const repairActor: RepairActor = { person: actor };
  await ctx.database.db.transaction().execute(async (trx) => {
    const row = {
      id,
      request_number: newRepairNumber("RQ"),
      job_number: null,
      owner_id: registration.owner_id,
      registration_id: registrationId,
      unit_serial: registration.unit_serial,
      model_code: registration.model_code,
      category_code: registration.category_code,
      fault_code: input.faultCode,
      fault_text: input.faultText,
      fault_started_on: input.faultStartedOn ?? null,
      channel: input.channel,
      contact_phone: input.contact.phone,
      address_line: input.contact.addressLine,
      postal_code: input.contact.postalCode,
      city: input.contact.city,
      time_window: channelNeedsTimeWindow(input.channel) ? (input.timeWindow ?? null) : null,
      conditions: JSON.stringify(
        input.conditions.filter((c) => settings.conditions.some((s) => s.code === c)),
      ),
      verdict,
      verdict_overridden: false,
      status: route.status,
      status_at: at.toISOString(),
      delay: null,
      centre_id: route.centreId,
      created_at: at.toISOString(),
      updated_at: at.toISOString(),
    };
    if (!(await insertRepair(trx, row))) {
      const open = await findOpenRepairOfRegistration(trx, registrationId);
      if (open)
        throw new Problem("repair.open_exists", "This product has a repair under way already.", {
          repairId: open.id,
        });
      // A request number drawn twice (1 in 2^40): draw again.
      if (!(await insertRepair(trx, { ...row, request_number: newRepairNumber("RQ") })))
        throw new Problem("repair.changed", "The request could not be stored; send it again.");
    }
    if (input.saveContact && actor.userId === registration.owner_id) {
      await updateProfile(
        trx,
        registration.owner_id,
        {
          phone: input.contact.phone,
          addressLine: input.contact.addressLine,
          postalCode: input.contact.postalCode,
          city: input.contact.city,
        },
        at,
      );
    }
    const names = { name_nb: registration.name_nb, name_en: registration.name_en };
    await recordRepairStep(
      trx,
      ctx,
      repairActor,
      { ...row, ...names },
      {
        kind: "requested",
        status: "requested",
        // Straight to customer service: that is the one mail the owner gets.
        mail: route.status === "requested" ? "status" : null,
        occurredAt: at,
        detail: {
          verdict,
          channel: input.channel,
          ...(actor.userId !== registration.owner_id ? { forOwner: true } : {}),
        },
      },
    );
    if (route.status === "with-customer-service") {
      await recordRepairStep(
        trx,
        ctx,
        { portal: true },
        { ...row, ...names },
        {
          kind: "with-customer-service",
          status: "with-customer-service",
          mail: null,
          occurredAt: at,
        },
      );
    }
  });
  return readRepairAfterWrite(ctx, id);
}

export async function readRepairAfterWrite(ctx: RepairsContext, id: string): Promise<Repair> {
  const row = await findRepair(ctx.database.db, id);
  if (!row) throw notFound("repair");
  return presentRepair(ctx.database.db, row);
}

const changedMeanwhile = () =>
  new Problem("repair.changed", "The repair changed meanwhile; reload it and try again.");

function refuse(current: RepairStatus, wanted: RepairStatus, mover: "owner" | "partner" | "routing") {
  const move = nextRepairStatus(current, wanted, mover);
  if (!move.ok)
    throw new Problem("repair.status_not_allowed", `A repair that is ${current} cannot become ${wanted}.`, {
      status: current,
      allowed: move.allowed,
    });
}

/** The partner of a repair's centre, to tell of what the owner decided. */
async function partnerOfRepair(db: Db, row: RepairRow): Promise<string | null> {
  if (!row.centre_id) return null;
  return (await findCentre(db, row.centre_id))?.partner_id ?? null;
}

/**
 * A move of the owner's (or an agent's for them): the status it may take from here, written on
 * the condition that nobody moved the repair meanwhile, recorded, and told to the centre's partner
 * by webhook when a centre has the job.
 */
async function ownerMove(
  ctx: RepairsContext,
  actor: Actor,
  id: string,
  move: { wanted: RepairStatus; webhook: PartnerWebhookType; patch?: { tracking_hash: null } },
): Promise<Repair> {
  const row = await readableRepair(ctx, actor, id);
  authorize(actor, { kind: "repair.answer", ownerId: row.owner_id });
  refuse(row.status, move.wanted, "owner");
  const at = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const changed = await updateRepair(
      trx,
      id,
      { status: row.status },
      { status: move.wanted, status_at: at.toISOString(), updated_at: at.toISOString(), ...move.patch },
    );
    if (!changed) throw changedMeanwhile();
    await recordRepairStep(
      trx,
      ctx,
      { person: actor },
      { ...row, status: move.wanted },
      { kind: move.wanted, status: move.wanted, mail: "status", occurredAt: at },
    );
    const partnerId = await partnerOfRepair(trx, row);
    if (partnerId)
      await enqueuePartnerWebhook(
        trx,
        partnerId,
        { type: move.webhook, requestNumber: row.request_number, jobNumber: row.job_number },
        at,
      );
  });
  return readRepairAfterWrite(ctx, id);
}

/** The owner approves or declines the quote; the centre is told by webhook. */
export function answerQuote(
  ctx: RepairsContext,
  actor: Actor,
  id: string,
  decision: "approve" | "decline",
): Promise<Repair> {
  return ownerMove(
    ctx,
    actor,
    id,
    decision === "approve"
      ? { wanted: "quote-approved", webhook: "quote.approved" }
      : { wanted: "quote-declined", webhook: "quote.declined" },
  );
}

/** The owner cancels, until a centre has the product; its tracking link stops working; the centre, if it has the job, is told. */
export function cancelRepair(ctx: RepairsContext, actor: Actor, id: string): Promise<Repair> {
  return ownerMove(ctx, actor, id, {
    wanted: "cancelled",
    webhook: "repair.cancelled",
    patch: { tracking_hash: null },
  });
}

/**
 * A new tracking link for the repair, for someone without an account (who phoned, or has the
 * product on loan): the token is shown once and only its hash kept; a new one revokes the old.
 */
export async function createTrackingLink(ctx: RepairsContext, actor: Actor, id: string) {
  const row = await readableRepair(ctx, actor, id);
  authorize(actor, { kind: "repair.answer", ownerId: row.owner_id });
  const token = randomBytes(24).toString("base64url");
  const at = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    await setTrackingHash(trx, id, trackingHash(token), at);
    await recordRepairStep(trx, ctx, { person: actor }, row, {
      kind: "tracking-link",
      status: null,
      mail: null,
      occurredAt: at,
      recordEvent: false,
    });
  });
  return { token, url: `${ctx.config.publicUrl}/track/${token}` };
}

export async function revokeTrackingLink(ctx: RepairsContext, actor: Actor, id: string): Promise<void> {
  const row = await readableRepair(ctx, actor, id);
  authorize(actor, { kind: "repair.answer", ownerId: row.owner_id });
  const at = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    await setTrackingHash(trx, id, null, at);
    await recordRepairStep(trx, ctx, { person: actor }, row, {
      kind: "tracking-link-revoked",
      status: null,
      mail: null,
      occurredAt: at,
      recordEvent: false,
    });
  });
}

/** An agent or a reviewer overrides the provisional verdict, with a reason the audit log keeps. */
export async function overrideVerdict(
  ctx: RepairsContext,
  actor: Actor,
  id: string,
  input: { verdict: RepairVerdict; reason: string },
): Promise<Repair> {
  authorize(actor, { kind: "repair.verdict" });
  const row = await findRepair(ctx.database.db, id);
  if (!row) throw notFound("repair");
  const at = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const changed = await updateRepair(
      trx,
      id,
      { status: row.status },
      {
        verdict: input.verdict,
        verdict_overridden: true,
        updated_at: at.toISOString(),
      },
    );
    if (!changed) throw changedMeanwhile();
    await recordRepairStep(trx, ctx, { person: actor }, row, {
      kind: "verdict",
      status: null,
      mail: null,
      occurredAt: at,
      // The reason is staff's, kept in the audit log: the owner reads that the assessment changed.
      detail: { from: row.verdict, to: input.verdict, reason: input.reason },
    });
  });
  return readRepairAfterWrite(ctx, id);
}

/** The centres that turned a repair down, from its history: routing passes them over. */
export async function centresThatRejected(db: Db, repairId: string): Promise<string[]> {
  const events = await rejectionsOf(db, repairId);
  return events
    .map((e) => parseColumn<{ centre?: string }>(e.detail ?? "{}", {}).centre)
    .filter((c): c is string => typeof c === "string");
}
