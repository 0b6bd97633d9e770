/**
 * The warranty engine: the manufacturer's warranty and the statutory complaint period of the
 * Norwegian Consumer Purchases Act, computed side by side from plain data (DESIGN R12, R13, B5).
 *
 * Date convention, used by every period here: `start` is the first day covered and `end` is the
 * last day covered (inclusive). A period of N months from `start` ends on the date with the same
 * day number N months later, or on that month's last day when it has no such day. This follows how
 * Norwegian law counts periods given in months or years (the Act on the computation of statutory
 * time limits), so a sofa delivered 2024-03-10 can be complained about up to and including
 * 2026-03-10, and one delivered 2024-02-29 up to and including 2026-02-28. The manufacturer's
 * warranty is counted the same way, so the two periods never disagree by a day on the same
 * start date.
 */

import { addDays, addMonths, type CalendarDate, compareDates, daysBetween } from "./calendar-date.ts";

/** Where a product's period stands on a given day. */
export type WarrantyStatus = "not-started" | "active" | "ends-soon" | "ended";

/** Who confirmed the purchase date (DESIGN R13): the own web shop, a phone's activation, or a reviewed claim. */
export type ConfirmationSource = "shop-order" | "activation" | "claim";

/** The statutory class of a category: "long" for goods meant to last considerably longer (phones, TVs, appliances). */
export type StatutoryClass = "standard" | "long";

export interface WarrantyInput {
  /** From the unit registry; null when the factory did not report it. */
  manufacturedOn: CalendarDate | null;
  category: { warrantyMonths: number; statutoryClass: StatutoryClass };
  /** Days between manufacture and the estimated sale, to be fair to owners without a receipt. */
  shippingAllowanceDays: number;
  /** The purchase date the owner typed, without proof. */
  statedPurchaseDate?: CalendarDate | null;
  /** A purchase date we can prove. */
  confirmation?: { date: CalendarDate; source: ConfirmationSource } | null;
  today: CalendarDate;
  /** A period is "ends-soon" from this many days before its end, the end day included. */
  endsSoonDays: number;
}

export interface ManufacturerWarranty {
  start: CalendarDate;
  /** The last day covered. */
  end: CalendarDate;
  basis: "estimated" | "confirmed";
  source: "manufacture-date" | ConfirmationSource;
  status: WarrantyStatus;
  /** Days from today to `end`: 0 on the last day, negative once ended. */
  daysLeft: number;
}

export interface StatutoryPeriod {
  /** The purchase (delivery) date the period runs from. */
  start: CalendarDate;
  /** The last day a complaint can be made. */
  end: CalendarDate;
  years: 2 | 5;
  basis: "stated" | "confirmed";
  status: WarrantyStatus;
  /** Days from today to `end`: 0 on the last day, negative once ended. */
  daysLeft: number;
}

export interface WarrantyResult {
  /** Null when there is nothing to count from, or the category carries no manufacturer warranty. */
  manufacturer: ManufacturerWarranty | null;
  /** Null until a purchase date is known, stated or confirmed. */
  statutory: StatutoryPeriod | null;
}

function requireNonNegativeInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
}

function statusOn(start: CalendarDate, end: CalendarDate, today: CalendarDate, endsSoonDays: number) {
  const daysLeft = daysBetween(today, end);
  let status: WarrantyStatus;
  if (compareDates(today, start) < 0) status = "not-started";
  else if (daysLeft < 0) status = "ended";
  else if (daysLeft <= endsSoonDays) status = "ends-soon";
  else status = "active";
  return { status, daysLeft };
}

/**
 * The number of years of the statutory complaint period for a class of goods: § 27 of the
 * Norwegian Consumer Purchases Act gives 2 years from delivery, 5 for goods meant to last
 * considerably longer.
 *
 * @example
 * ```ts
 * statutoryYears("long"); // 5
 * statutoryYears("standard"); // 2
 * ```
 */
export function statutoryYears(statutoryClass: StatutoryClass): 2 | 5 {
  return statutoryClass === "long" ? 5 : 2;
}

/**
 * Computes the manufacturer's warranty and the statutory complaint period for one product.
 *
 * The manufacturer's warranty starts on the confirmed purchase date when there is one, else on
 * the manufacture date plus the shipping allowance (an estimate; a purchase date the owner only
 * states does not move it, as R12 asks for a reviewed claim for that). The statutory period runs
 * from the purchase date, a confirmed one beating a stated one.
 *
 * @example
 * ```ts
 * const result = computeWarranty({
 *   manufacturedOn: calendarDate("2024-01-10"),
 *   category: { warrantyMonths: 24, statutoryClass: "long" },
 *   shippingAllowanceDays: 90,
 *   statedPurchaseDate: calendarDate("2024-05-02"),
 *   today: calendarDate("2025-06-01"),
 *   endsSoonDays: 30,
 * });
 * result.manufacturer; // { start: "2024-04-09", end: "2026-04-09", basis: "estimated", source: "manufacture-date", status: "active", daysLeft: 312 }
 * result.statutory; // { start: "2024-05-02", end: "2029-05-02", years: 5, basis: "stated", status: "active", daysLeft: 1431 }
 * ```
 */
export function computeWarranty(input: WarrantyInput): WarrantyResult {
  const { category, today, endsSoonDays } = input;
  requireNonNegativeInteger("category.warrantyMonths", category.warrantyMonths);
  requireNonNegativeInteger("shippingAllowanceDays", input.shippingAllowanceDays);
  requireNonNegativeInteger("endsSoonDays", endsSoonDays);
  const confirmation = input.confirmation ?? null;
  const stated = input.statedPurchaseDate ?? null;

  let manufacturer: ManufacturerWarranty | null = null;
  // Zero months means the category has no manufacturer warranty: showing a one-day period
  // would be misleading.
  if (category.warrantyMonths > 0) {
    let counted: Pick<ManufacturerWarranty, "start" | "basis" | "source"> | null = null;
    if (confirmation !== null) {
      counted = { start: confirmation.date, basis: "confirmed", source: confirmation.source };
    } else if (input.manufacturedOn !== null) {
      counted = {
        start: addDays(input.manufacturedOn, input.shippingAllowanceDays),
        basis: "estimated",
        source: "manufacture-date",
      };
    }
    if (counted !== null) {
      const end = addMonths(counted.start, category.warrantyMonths);
      manufacturer = { ...counted, end, ...statusOn(counted.start, end, today, endsSoonDays) };
    }
  }

  let statutory: StatutoryPeriod | null = null;
  const purchase: { date: CalendarDate; basis: StatutoryPeriod["basis"] } | null =
    confirmation !== null
      ? { date: confirmation.date, basis: "confirmed" }
      : stated !== null
        ? { date: stated, basis: "stated" }
        : null;
  if (purchase !== null) {
    const years = statutoryYears(category.statutoryClass);
    const end = addMonths(purchase.date, years * 12);
    statutory = {
      start: purchase.date,
      end,
      years,
      basis: purchase.basis,
      ...statusOn(purchase.date, end, today, endsSoonDays),
    };
  }

  return { manufacturer, statutory };
}

/** One point on a product page's timeline. */
export type TimelinePoint =
  | { kind: "purchase"; date: CalendarDate; basis: "stated" | "confirmed" }
  | { kind: "today"; date: CalendarDate; basis: "actual" }
  | { kind: "manufacturer-end"; date: CalendarDate; basis: "estimated" | "confirmed" }
  | { kind: "statutory-end"; date: CalendarDate; basis: "stated" | "confirmed" };

// On the same day, the story reads best as: bought, today, then what ends.
const KIND_ORDER: Record<TimelinePoint["kind"], number> = {
  purchase: 0,
  today: 1,
  "manufacturer-end": 2,
  "statutory-end": 3,
};

/**
 * The points of a product page's timeline, sorted by date: the purchase (when known), today, the
 * manufacturer's warranty end and the statutory end (when computed), each with the basis of its
 * date. Points on the same day keep the order purchase, today, manufacturer end, statutory end.
 *
 * @example
 * ```ts
 * const today = calendarDate("2025-06-01");
 * const result = computeWarranty({
 *   manufacturedOn: null,
 *   category: { warrantyMonths: 24, statutoryClass: "standard" },
 *   shippingAllowanceDays: 90,
 *   confirmation: { date: calendarDate("2024-05-02"), source: "shop-order" },
 *   today,
 *   endsSoonDays: 30,
 * });
 * warrantyTimeline(result, today).map((point) => `${point.kind} ${point.date}`);
 * // ["purchase 2024-05-02", "today 2025-06-01", "manufacturer-end 2026-05-02", "statutory-end 2026-05-02"]
 * ```
 */
export function warrantyTimeline(result: WarrantyResult, today: CalendarDate): TimelinePoint[] {
  const points: TimelinePoint[] = [{ kind: "today", date: today, basis: "actual" }];
  if (result.statutory !== null) {
    points.push({ kind: "purchase", date: result.statutory.start, basis: result.statutory.basis });
    points.push({ kind: "statutory-end", date: result.statutory.end, basis: result.statutory.basis });
  }
  if (result.manufacturer !== null) {
    points.push({
      kind: "manufacturer-end",
      date: result.manufacturer.end,
      basis: result.manufacturer.basis,
    });
  }
  return points.sort((a, b) => compareDates(a.date, b.date) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
}

/**
 * The reminder thresholds (days before `end`) that are due on `today`: every threshold `t` with
 * `0 <= daysLeft <= t`, where `daysLeft` counts from today to the last covered day. A threshold
 * missed by a scheduler that skipped a day is still returned, so the caller sends each one once by
 * deduplicating on (product, kind, threshold). Sorted ascending and without duplicates, so the
 * first is the most urgent: when several fall due together (a product registered late), a caller
 * may send only that one and mark the rest as sent.
 *
 * @example
 * ```ts
 * reminderDue(calendarDate("2025-03-31"), calendarDate("2025-03-03"), [90, 30, 7]); // [30, 90]
 * reminderDue(calendarDate("2025-03-31"), calendarDate("2025-04-01"), [90, 30, 7]); // [] (ended)
 * ```
 */
export function reminderDue(
  end: CalendarDate,
  today: CalendarDate,
  thresholdsDays: readonly number[],
): number[] {
  for (const threshold of thresholdsDays) requireNonNegativeInteger("threshold", threshold);
  const daysLeft = daysBetween(today, end);
  if (daysLeft < 0) return [];
  return [...new Set(thresholdsDays)].filter((threshold) => daysLeft <= threshold).sort((a, b) => a - b);
}
