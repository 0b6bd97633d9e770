import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import { type Tables, toBool, toInstant } from "../../db/tables.ts";
import type { RepairChannel, TimeWindow } from "../../domain/repair-channel.ts";
import { ownerTask, type RepairDelay, type RepairStatus } from "../../domain/repair-lifecycle.ts";
import { normalizeRepairNumber } from "../../domain/repair-number.ts";
import type { RepairVerdict } from "../../domain/repair-verdict.ts";
import type { Actor } from "../../server/actor.ts";
import { authorize } from "../../server/policy.ts";
import { notFound } from "../../server/problem.ts";
import { noteStaffLook } from "../access-log/service.ts";
import { findRegistration } from "../registration/queries.ts";
import type { RepairsContext } from "./context.ts";
import {
  findCentre,
  findRepair,
  findRepairByTrackingHash,
  findRepairCategory,
  listOpenRepairsOfOwner,
  listRepairEvents,
  listRepairPhotos,
  listRepairsForStaff,
  listRepairsOfOwner,
  listRepairsOfUnit,
  type RepairRow,
} from "./queries.ts";
import type { EarlierRepair, Repair, RepairSummary, TrackedRepair } from "./schemas.ts";

/** Repairs as their owner, staff and whoever holds a tracking link see them. */

type Db = Kysely<Tables>;

export interface Label {
  code: string;
  nb: string;
  en: string;
}

/** A JSON column as its value, or `fallback` when it is empty or not JSON (the repairs' one reader of them). */
export function parseColumn<T>(json: string | null, fallback: T): T {
  if (!json) return fallback;
  try {
    return JSON.parse(json) as T;
  } catch {
    return fallback;
  }
}

export const trackingHash = (token: string) => createHash("sha256").update(token).digest("hex");

const names = (row: RepairRow) => ({ nb: row.name_nb, en: row.name_en });

function by(actor: string): Repair["events"][number]["by"] {
  if (actor === "owner" || actor === "partner" || actor === "portal") return actor;
  return "staff";
}

export function presentSummary(row: RepairRow): RepairSummary {
  return {
    id: row.id,
    requestNumber: row.request_number,
    jobNumber: row.job_number,
    registrationId: row.registration_id,
    productNames: names(row),
    status: row.status,
    statusAt: toInstant(row.status_at),
    ownerTask: ownerTask(row.status, row.delay as RepairDelay | null),
    repairWarrantyEnd: row.repair_warranty_end,
    createdAt: toInstant(row.created_at),
  };
}

/** A repair in full, from its row: the fault's words, the centre, the photos and the history. */
export async function presentRepair(db: Db, row: RepairRow): Promise<Repair> {
  const [category, centre, photos, events] = await Promise.all([
    findRepairCategory(db, row.category_code),
    row.centre_id ? findCentre(db, row.centre_id) : null,
    listRepairPhotos(db, row.id),
    listRepairEvents(db, row.id),
  ]);
  const fault = parseColumn<Label[]>(category?.faults ?? null, []).find((f) => f.code === row.fault_code);
  return {
    ...presentSummary(row),
    serial: row.unit_serial,
    delay: row.delay as RepairDelay | null,
    fault: {
      code: row.fault_code,
      nb: fault?.nb ?? row.fault_code,
      en: fault?.en ?? row.fault_code,
      text: row.fault_text,
      startedOn: row.fault_started_on,
    },
    channel: row.channel as RepairChannel,
    timeWindow: row.time_window as TimeWindow | null,
    contact: {
      phone: row.contact_phone,
      addressLine: row.address_line,
      postalCode: row.postal_code,
      city: row.city,
    },
    verdict: row.verdict as RepairVerdict,
    verdictOverridden: toBool(row.verdict_overridden),
    centre: centre
      ? {
          name: centre.name,
          addressLine: centre.address_line,
          postalCode: centre.postal_code,
          city: centre.city,
          phone: centre.phone,
        }
      : null,
    quote: parseColumn(row.quote, null),
    parts: parseColumn<{ name: string; expectedOn?: string }[]>(row.parts, []).map((p) => ({
      name: p.name,
      expectedOn: p.expectedOn ?? null,
    })),
    diagnosis: row.diagnosis,
    replacementSerial: row.replacement_serial,
    collectionPlace: row.collection_place,
    returnTracking: row.return_tracking,
    completedOn: row.completed_on,
    trackingLink: row.tracking_hash !== null,
    photos: photos.map((p) => ({
      id: p.id,
      mediaType: p.media_type,
      size: p.size,
      url: `/api/v1/repairs/${row.id}/photos/${p.id}`,
    })),
    events: events
      .filter((e) => toBool(e.applied))
      .map((e) => ({
        kind: e.kind,
        status: e.status as RepairStatus | null,
        by: by(e.actor),
        at: toInstant(e.occurred_at),
        note: parseColumn<{ note?: string }>(e.detail, {}).note ?? null,
      })),
  };
}

/** The repair for its owner or staff; 403 for anyone else (as for other owners' products and claims), 404 for none. */
export async function readableRepair(ctx: RepairsContext, actor: Actor, id: string): Promise<RepairRow> {
  const row = await findRepair(ctx.database.db, id);
  if (!row) throw notFound("repair");
  authorize(actor, { kind: "repair.read", ownerId: row.owner_id });
  return row;
}

export async function readRepair(ctx: RepairsContext, actor: Actor, id: string): Promise<Repair> {
  const row = await readableRepair(ctx, actor, id);
  await noteStaffLook(
    ctx.database.db,
    actor,
    { ownerId: row.owner_id, what: "repair", subjectId: id },
    ctx.clock.now(),
  );
  return presentRepair(ctx.database.db, row);
}

export async function myRepairs(ctx: RepairsContext, actor: Actor): Promise<RepairSummary[]> {
  return (await listRepairsOfOwner(ctx.database.db, actor.userId)).map(presentSummary);
}

/**
 * A product's repairs, newest first, for its owner or staff (the product page's timeline), and the
 * unit's repairs from before it was the owner's: the repair history stays with the unit when it
 * moves to a new owner, without who asked for them.
 */
export async function repairsOfRegistration(
  ctx: RepairsContext,
  ownerId: string,
  registration: { id: string; unitSerial: string },
): Promise<{ repairs: RepairSummary[]; earlier: EarlierRepair[] }> {
  const rows = await listRepairsOfUnit(ctx.database.db, registration.unitSerial);
  return {
    repairs: rows
      .filter((r) => r.owner_id === ownerId && r.registration_id === registration.id)
      .map(presentSummary),
    earlier: rows
      .filter((r) => r.owner_id !== ownerId)
      .map((r) => ({
        productNames: names(r),
        status: r.status,
        statusAt: toInstant(r.status_at),
        repairWarrantyEnd: r.repair_warranty_end,
        createdAt: toInstant(r.created_at),
      })),
  };
}

/** The repairs under way of an owner, for My Page: the ones that are not closed or cancelled. */
export async function openRepairsOf(db: Db, ownerId: string): Promise<RepairSummary[]> {
  const rows = await listOpenRepairsOfOwner(db, ownerId);
  return rows.map(presentSummary);
}

/** What a tracking link shows: status and dates of the product's repair, nothing of its owner. */
export async function trackedRepair(ctx: RepairsContext, token: string): Promise<TrackedRepair> {
  const row = await findRepairByTrackingHash(ctx.database.db, trackingHash(token));
  if (!row) throw notFound("repair");
  const events = await listRepairEvents(ctx.database.db, row.id);
  return {
    requestNumber: row.request_number,
    jobNumber: row.job_number,
    productNames: names(row),
    status: row.status,
    statusAt: toInstant(row.status_at),
    delay: row.delay as RepairDelay | null,
    channel: row.channel as RepairChannel,
    completedOn: row.completed_on,
    repairWarrantyEnd: row.repair_warranty_end,
    events: events
      .filter((e) => toBool(e.applied) && e.status !== null)
      .map((e) => ({ status: e.status as RepairStatus, at: toInstant(e.occurred_at) })),
    createdAt: toInstant(row.created_at),
  };
}

/** Every repair, for agents and reviewers: newest first, by status or by number. */
export async function staffRepairs(
  ctx: RepairsContext,
  actor: Actor,
  filter: { status?: RepairStatus; number?: string },
) {
  authorize(actor, { kind: "repair.staff" });
  // A number as a person on the phone reads it out: "rq 7k3m 9p2x" is RQ-7K3M-9P2X.
  const number = filter.number ? normalizeRepairNumber(filter.number) : undefined;
  if (number === null) return [];
  const rows = await listRepairsForStaff(ctx.database.db, { ...filter, ...(number ? { number } : {}) });
  return rows.map((row) => ({
    ...presentSummary(row),
    ownerName: row.owner_name,
    verdict: row.verdict as RepairVerdict,
    centreName: row.centre_name,
  }));
}

/** The owner of a registration, once the caller may read its repairs (the owner or staff). */
export async function readRegistrationOwner(
  ctx: RepairsContext,
  actor: Actor,
  registrationId: string,
): Promise<{ ownerId: string; unitSerial: string }> {
  const registration = await findRegistration(ctx.database.db, registrationId);
  if (!registration) throw notFound("registration");
  authorize(actor, { kind: "repair.read", ownerId: registration.owner_id });
  await noteStaffLook(
    ctx.database.db,
    actor,
    { ownerId: registration.owner_id, what: "repairs", subjectId: registrationId },
    ctx.clock.now(),
  );
  return { ownerId: registration.owner_id, unitSerial: registration.unit_serial };
}
