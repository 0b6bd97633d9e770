/**
 * Points as lots: each earning is a lot that is pending until `activeFrom` and counts until
 * `expiresAt` (never, when null). A redemption, an expiry or a reversal is a later entry that names
 * the lot it draws from, so what is left of a lot is its points plus the (negative) entries that
 * name it. The oldest points are spent first: the lot that expires first, then the one earned first.
 */

/** One row of the ledger, as the rules need it. */
export interface LedgerEntry {
  id: string;
  points: number;
  /** The lot a drawing names; null on an earning. */
  lotId: string | null;
  /** ISO instants. */
  activeFrom: string | null;
  expiresAt: string | null;
}

export interface Lot {
  id: string;
  earned: number;
  left: number;
  activeFrom: Date;
  expiresAt: Date | null;
}

/** A drawing from one lot: `points` is positive, the ledger row is its negative. */
export interface Draw {
  lotId: string;
  points: number;
}

/** The days before the first registration's points count, when no rule says otherwise. */
export const DEFAULT_PENDING_DAYS = 14;
/** How long points stay valid, when no rule says otherwise. */
export const DEFAULT_VALIDITY_MONTHS = 24;

/**
 * The lots of a ledger with what is left of each, oldest first (the order they are spent in).
 *
 * @example lotsOf([{ id: "a", points: 100, lotId: null, activeFrom: "2026-01-01T00:00:00Z", expiresAt: null }])[0].left // 100
 */
export function lotsOf(entries: readonly LedgerEntry[]): Lot[] {
  const drawn = new Map<string, number>();
  for (const e of entries) if (e.lotId !== null) drawn.set(e.lotId, (drawn.get(e.lotId) ?? 0) + e.points);
  const lots: Lot[] = [];
  for (const e of entries) {
    if (e.lotId !== null || e.points <= 0) continue;
    lots.push({
      id: e.id,
      earned: e.points,
      left: Math.max(0, e.points + (drawn.get(e.id) ?? 0)),
      activeFrom: new Date(e.activeFrom ?? 0),
      expiresAt: e.expiresAt === null ? null : new Date(e.expiresAt),
    });
  }
  return lots.sort(spendingOrder);
}

function spendingOrder(a: Lot, b: Lot): number {
  const ax = a.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const bx = b.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
  if (ax !== bx) return ax < bx ? -1 : 1;
  const diff = a.activeFrom.getTime() - b.activeFrom.getTime();
  if (diff !== 0) return diff;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

const counts = (lot: Lot, now: Date) =>
  lot.activeFrom.getTime() <= now.getTime() &&
  (lot.expiresAt === null || lot.expiresAt.getTime() > now.getTime());

export interface Standing {
  /** Points that count now: active and not expired. */
  balance: number;
  /** Points still pending. */
  pending: number;
  /** The first of the points that count to expire, and when; null if none expire. */
  nextExpiry: { points: number; at: Date } | null;
}

/**
 * What an owner has at `now`. Never negative: a lot's drawings never exceed it.
 *
 * @example standing(lotsOf(entries), new Date()).balance
 */
export function standing(lots: readonly Lot[], now: Date): Standing {
  let balance = 0;
  let pending = 0;
  let nextExpiry: Standing["nextExpiry"] = null;
  for (const lot of lots) {
    if (lot.left === 0) continue;
    if (lot.activeFrom.getTime() > now.getTime()) pending += lot.left;
    else if (counts(lot, now)) {
      balance += lot.left;
      if (lot.expiresAt && (!nextExpiry || lot.expiresAt.getTime() < nextExpiry.at.getTime()))
        nextExpiry = { points: lot.left, at: lot.expiresAt };
      else if (lot.expiresAt && nextExpiry && lot.expiresAt.getTime() === nextExpiry.at.getTime())
        nextExpiry = { points: nextExpiry.points + lot.left, at: nextExpiry.at };
    }
  }
  return { balance, pending, nextExpiry };
}

/**
 * The drawings that spend `cost` points, oldest first; null when the points that count are fewer.
 *
 * @example spend(lots, new Date(), 150) // [{ lotId: "a", points: 100 }, { lotId: "b", points: 50 }]
 */
export function spend(lots: readonly Lot[], now: Date, cost: number): Draw[] | null {
  if (cost <= 0) return [];
  const draws: Draw[] = [];
  let due = cost;
  for (const lot of lots) {
    if (due === 0) break;
    if (lot.left === 0 || !counts(lot, now)) continue;
    const take = Math.min(lot.left, due);
    draws.push({ lotId: lot.id, points: take });
    due -= take;
  }
  return due === 0 ? draws : null;
}

/** The lots that have expired with points left: each becomes an expiry row of what is left. */
export function expired(lots: readonly Lot[], now: Date): Draw[] {
  return lots
    .filter((lot) => lot.left > 0 && lot.expiresAt !== null && lot.expiresAt.getTime() <= now.getTime())
    .map((lot) => ({ lotId: lot.id, points: lot.left }));
}

/**
 * When points earned at `at` count and until when, by a rule's pending days and validity months.
 *
 * @example lotDates(new Date("2026-01-31T10:00:00Z"), 0, 1).expiresAt // 2026-02-28T10:00:00.000Z
 */
export function lotDates(at: Date, pendingDays: number, validityMonths: number) {
  const activeFrom = new Date(at.getTime() + pendingDays * 86_400_000);
  return { activeFrom, expiresAt: validityMonths > 0 ? addMonths(activeFrom, validityMonths) : null };
}

function addMonths(from: Date, months: number): Date {
  const d = new Date(from.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

/** My information is complete when each of these is filled: it earns its points once. */
export function profileComplete(p: {
  name: string | null;
  phone: string | null;
  addressLine: string | null;
  postalCode: string | null;
  city: string | null;
}): boolean {
  return [p.name, p.phone, p.addressLine, p.postalCode, p.city].every((v) => (v ?? "").trim() !== "");
}
