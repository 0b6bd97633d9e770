/**
 * Repairs for the scale benchmark's fill, as `requestRepair` and the partner API write them
 * (src/features/repairs/): the repair row with its request number (and job number once a centre
 * took it), one event per status it went through, and the audit line of the request. The mails
 * are left out: the outbox would have sent them long ago. Numbers are made from a counter, so the
 * fill never draws one twice.
 */
import { randomUUID } from "node:crypto";
import { demoCatalogue } from "../src/cli/demo-data.ts";
import type { Database } from "../src/db/database.ts";
import { calendarDate } from "../src/domain/calendar-date.ts";
import type { RepairStatus } from "../src/domain/repair-lifecycle.ts";
import { formatRepairNumber } from "../src/domain/repair-number.ts";
import { repairWarrantyEnd } from "../src/domain/repair-verdict.ts";
import { demoServiceNetwork } from "../src/features/repairs/demo-network.ts";
import { AUDIT_LOG_COLUMNS, BulkWriter, randomSource } from "./bulk-insert.ts";
import type { RegistrationSeed } from "./seed-registrations.ts";

const DAY = 86_400_000;
const CATEGORY_OF = new Map(demoCatalogue.models.map((m) => [m.code, m.category]));
const SETTINGS = new Map(demoServiceNetwork.categories.map((c) => [c.code, c]));
const CENTRES = demoServiceNetwork.centres.map((c) => c.id);
/** The path of a repair that went all the way; a seeded repair stopped somewhere on it. */
const PATH: RepairStatus[] = [
  "requested",
  "accepted",
  "received",
  "diagnosing",
  "repairing",
  "repaired",
  "shipped",
  "closed",
];

/** The category of a product, when its category takes repairs in the portal. */
export function repairableCategory(modelCode: string): string | null {
  const category = CATEGORY_OF.get(modelCode);
  return category && SETTINGS.has(category) ? category : null;
}

/** What the request form sends for a product of `category` at an Oslo postcode (channel, conditions). */
export function requestFor(category: string) {
  const settings = SETTINGS.get(category);
  const technician = settings?.channels.length === 1 && settings.channels[0] === "technician";
  return {
    faultCode: settings?.faults[0]?.code ?? "other",
    faultText: "It stopped working last week.",
    channel: technician ? "technician" : "drop-off",
    ...(technician ? { timeWindow: "any" } : {}),
    contact: { phone: "+47 912 34 567", addressLine: "Kirkegata 1", postalCode: "0153", city: "Oslo" },
    conditions: (settings?.conditions ?? []).map((c) => c.code),
  };
}

let numbers = 0;
const counterBytes = (n: number) => {
  const bytes = new Uint8Array(5);
  let v = n;
  for (let i = 4; i >= 0; i--) {
    bytes[i] = v & 255;
    v = Math.floor(v / 256);
  }
  return bytes;
};

export interface SeededRepair {
  id: string;
  ownerId: string;
  requestNumber: string;
  jobNumber: string | null;
}

/**
 * One repair on each of `products` (a repairable category only), at status `statusOf(i)` on the
 * path, requested after the registration; `centreOf(i)` took it.
 */
export async function seedRepairs(
  database: Database,
  seededAt: Date,
  products: RegistrationSeed[],
  statusOf: (i: number) => RepairStatus,
  centreOf: (i: number) => string = (i) => CENTRES[i % CENTRES.length] as string,
): Promise<SeededRepair[]> {
  const writer = new BulkWriter(database, "repairs");
  writer.table("repair", [
    ["id", "text"],
    ["request_number", "text"],
    ["job_number", "text"],
    ["owner_id", "text"],
    ["registration_id", "text"],
    ["unit_serial", "text"],
    ["model_code", "text"],
    ["category_code", "text"],
    ["fault_code", "text"],
    ["fault_text", "text"],
    ["channel", "text"],
    ["contact_phone", "text"],
    ["address_line", "text"],
    ["postal_code", "text"],
    ["city", "text"],
    ["time_window", "text"],
    ["conditions", "text"],
    ["verdict", "text"],
    ["verdict_overridden", "bool"],
    ["status", "text"],
    ["status_at", "timestamptz"],
    ["centre_id", "text"],
    ["completed_on", "date"],
    ["repair_warranty_end", "date"],
    ["created_at", "timestamptz"],
    ["updated_at", "timestamptz"],
  ]);
  writer.table("repair_event", [
    ["id", "text"],
    ["repair_id", "text"],
    ["actor", "text"],
    ["kind", "text"],
    ["status", "text"],
    ["applied", "bool"],
    ["occurred_at", "timestamptz"],
    ["recorded_at", "timestamptz"],
    ["partner_id", "text"],
    ["partner_event_id", "text"],
  ]);
  writer.table("audit_log", AUDIT_LOG_COLUMNS);
  const partnerOf = new Map(demoServiceNetwork.centres.map((c) => [c.id, c.partner]));
  const random = randomSource(91);
  const end = seededAt.getTime() - DAY;
  const seeded: SeededRepair[] = [];
  for (const [i, product] of products.entries()) {
    const category = repairableCategory(product.modelCode);
    if (!category) continue;
    const status = statusOf(i);
    // A cancelled repair was cancelled after its request; every other stopped somewhere on the path.
    const steps = PATH.includes(status) ? PATH.slice(0, PATH.indexOf(status) + 1) : ["requested", status];
    const requested = product.registeredAt + random() * (end - product.registeredAt);
    const times = steps.map((_, s) =>
      new Date(requested + s * (end - requested) * 0.1 * random()).toISOString(),
    );
    const id = randomUUID();
    numbers++;
    const requestNumber = formatRepairNumber("RQ", counterBytes(numbers));
    const jobNumber = steps.includes("accepted") ? formatRepairNumber("RJ", counterBytes(numbers)) : null;
    const centre = centreOf(i);
    const body = requestFor(category);
    const last = times.at(-1) as string;
    const done = steps.includes("repaired")
      ? (times[steps.indexOf("repaired")] as string).slice(0, 10)
      : null;
    const months = SETTINGS.get(category)?.repairWarrantyMonths ?? 0;
    const warrantyEnd = done ? repairWarrantyEnd(calendarDate(done), months) : null;
    await writer.add("repair", [
      id,
      requestNumber,
      jobNumber,
      product.ownerId,
      product.id,
      product.serial,
      product.modelCode,
      category,
      body.faultCode,
      body.faultText,
      body.channel,
      body.contact.phone,
      body.contact.addressLine,
      body.contact.postalCode,
      body.contact.city,
      body.timeWindow ?? null,
      JSON.stringify(body.conditions),
      "manufacturer",
      false,
      status,
      last,
      centre,
      done,
      warrantyEnd,
      times[0],
      last,
    ]);
    for (const [s, step] of steps.entries()) {
      const byPartner = s > 0 && step !== "cancelled";
      await writer.add("repair_event", [
        randomUUID(),
        id,
        byPartner ? "partner" : "owner",
        byPartner ? "status" : "requested",
        step,
        true,
        times[s],
        times[s],
        byPartner ? (partnerOf.get(centre) ?? null) : null,
        byPartner ? `seed-${numbers}-${s}` : null,
      ]);
    }
    await writer.add("audit_log", [
      product.ownerId,
      "customer",
      "repair.requested",
      product.ownerId,
      "repair",
      id,
      JSON.stringify({ status: "requested", channel: body.channel }),
      times[0],
    ]);
    seeded.push({ id, ownerId: product.ownerId, requestNumber, jobNumber });
  }
  await writer.flush();
  return seeded;
}
