/**
 * The life of a repair, as data: from the owner's request, through the job a service centre
 * accepts, to the product back with its owner. {@link nextRepairStatus} says which moves each
 * status allows and to whom; the service writes with a condition on the status it read, so the
 * database decides a race.
 */

export const REPAIR_STATUSES = [
  "requested",
  "with-customer-service",
  "accepted",
  "pickup-booked",
  "awaiting-product",
  "received",
  "diagnosing",
  "quote-pending",
  "quote-approved",
  "quote-declined",
  "parts-ordered",
  "repairing",
  "repaired",
  "not-repairable",
  "replaced",
  "shipped",
  "ready-for-collection",
  "closed",
  "cancelled",
] as const;
export type RepairStatus = (typeof REPAIR_STATUSES)[number];

/** Who moves a repair: its owner (or an agent for them), the service partner, or the portal's routing. */
export type RepairMover = "owner" | "partner" | "routing";

/** The statuses a service partner reports; the owner answers a quote and cancels, routing offers. */
export const PARTNER_STATUSES = [
  "pickup-booked",
  "awaiting-product",
  "received",
  "diagnosing",
  "quote-pending",
  "parts-ordered",
  "repairing",
  "repaired",
  "not-repairable",
  "replaced",
  "shipped",
  "ready-for-collection",
  "closed",
] as const satisfies readonly RepairStatus[];
export type PartnerStatus = (typeof PARTNER_STATUSES)[number];

const OUTCOMES = ["repaired", "not-repairable", "replaced"] as const;
const RETURN = ["shipped", "ready-for-collection"] as const;

const NEXT: Record<RepairStatus, readonly RepairStatus[]> = {
  requested: ["accepted", "with-customer-service", "cancelled"],
  "with-customer-service": ["requested", "cancelled"],
  accepted: ["pickup-booked", "awaiting-product", "received", "cancelled"],
  "pickup-booked": ["awaiting-product", "received", "cancelled"],
  "awaiting-product": ["pickup-booked", "received", "cancelled"],
  received: ["diagnosing", "quote-pending", "parts-ordered", "repairing", ...OUTCOMES],
  diagnosing: ["quote-pending", "parts-ordered", "repairing", ...OUTCOMES],
  "quote-pending": ["quote-approved", "quote-declined"],
  "quote-approved": ["parts-ordered", "repairing", ...OUTCOMES],
  // Declined: the product goes back as it came, with the diagnosis fee the quote stated.
  "quote-declined": [...RETURN],
  "parts-ordered": ["repairing", ...OUTCOMES],
  repairing: ["parts-ordered", ...OUTCOMES],
  repaired: [...RETURN, "closed"],
  "not-repairable": ["replaced", ...RETURN, "closed"],
  replaced: [...RETURN, "closed"],
  shipped: ["closed"],
  "ready-for-collection": ["closed"],
  closed: [],
  cancelled: [],
};

const MOVED_BY: Record<RepairMover, readonly RepairStatus[]> = {
  owner: ["quote-approved", "quote-declined", "cancelled"],
  partner: PARTNER_STATUSES,
  routing: ["requested", "accepted", "with-customer-service"],
};

export type RepairTransition =
  | { ok: true; next: RepairStatus }
  | { ok: false; refusal: "repair.status_not_allowed"; allowed: RepairStatus[] };

/**
 * Whether `mover` may take a repair from `current` to `wanted`; when not, the statuses it may
 * move to from here (what a 409 tells the partner).
 *
 * @example
 * nextRepairStatus("received", "diagnosing", "partner"); // { ok: true, next: "diagnosing" }
 * nextRepairStatus("received", "closed", "partner"); // { ok: false, refusal: "repair.status_not_allowed", allowed: ["diagnosing", "quote-pending", …] }
 * nextRepairStatus("quote-pending", "quote-approved", "partner"); // refused: only the owner answers a quote
 */
export function nextRepairStatus(
  current: RepairStatus,
  wanted: RepairStatus,
  mover: RepairMover,
): RepairTransition {
  const allowed = allowedNextStatuses(current, mover);
  return allowed.includes(wanted)
    ? { ok: true, next: wanted }
    : { ok: false, refusal: "repair.status_not_allowed", allowed };
}

/** @example allowedNextStatuses("quote-pending", "owner"); // ["quote-approved", "quote-declined"] */
export function allowedNextStatuses(current: RepairStatus, mover: RepairMover): RepairStatus[] {
  return NEXT[current].filter((s) => MOVED_BY[mover].includes(s));
}

/** @example isRepairStatus("diagnosing"); // true */
export function isRepairStatus(value: string): value is RepairStatus {
  return (REPAIR_STATUSES as readonly string[]).includes(value);
}

/** Ended: nothing more happens to the repair. */
export function isRepairEnded(status: RepairStatus): boolean {
  return NEXT[status].length === 0;
}

/**
 * Before a centre has the product: the owner may still cancel, and a centre may still turn the
 * request down.
 *
 * @example isBeforeReceipt("pickup-booked"); // true
 */
export function isBeforeReceipt(status: RepairStatus): boolean {
  return NEXT[status].includes("cancelled");
}

/** The outcome statuses after which a repair warranty runs: a repair done or a unit replaced. */
export function startsRepairWarranty(status: RepairStatus): boolean {
  return status === "repaired" || status === "replaced";
}

/** Named delays: each tells the owner what holds the repair up and, where it is theirs, what to do. */
export const REPAIR_DELAYS = [
  "find-my-lock",
  "activation-lock",
  "awaiting-owner-contact",
  "parts-late",
  "general",
] as const;
export type RepairDelay = (typeof REPAIR_DELAYS)[number];

/** The delays only the owner can end. */
export function delayAsksOwner(delay: RepairDelay): boolean {
  return delay === "find-my-lock" || delay === "activation-lock" || delay === "awaiting-owner-contact";
}

/**
 * What the owner is asked to do now, if anything: answer a quote, hand the product over, lift a
 * lock, collect the product.
 *
 * @example ownerTask("quote-pending", null); // "answer-quote"
 * @example ownerTask("diagnosing", "find-my-lock"); // "lift-lock"
 */
export function ownerTask(
  status: RepairStatus,
  delay: RepairDelay | null,
): "answer-quote" | "hand-over" | "lift-lock" | "contact-centre" | "collect" | null {
  if (delay === "find-my-lock" || delay === "activation-lock") return "lift-lock";
  if (delay === "awaiting-owner-contact") return "contact-centre";
  if (status === "quote-pending") return "answer-quote";
  if (status === "awaiting-product") return "hand-over";
  if (status === "ready-for-collection") return "collect";
  return null;
}
