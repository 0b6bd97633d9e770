/**
 * The warranty engine: every coverage of one unit and the statutory complaint period of the
 * Norwegian Consumer Purchases Act, computed side by side from plain data (DESIGN R12, R13, B5).
 *
 * One start date per product. It is, in order of trust: estimated (the manufacture date plus the
 * shipping allowance), stated (the purchase date the owner gave, used at once), or confirmed (a
 * web-shop delivery, a phone's activation, a receipt a reviewer read). The manufacturer's
 * warranty, the registration bonus after it and the statutory period all count from that date, so
 * a page never shows two start dates. Extended warranties the operator imports and the warranty on
 * a repair carry their own dates.
 *
 * Date convention, used by every period here: `start` is the first day covered and `end` is the
 * last day covered (inclusive). A period of N months from `start` ends on the date with the same
 * day number N months later, or on that month's last day when it has no such day. This follows how
 * Norwegian law counts periods given in months or years (the Act on the computation of statutory
 * time limits), so a sofa delivered 2024-03-10 can be complained about up to and including
 * 2026-03-10, and one delivered 2024-02-29 up to and including 2026-02-28. Every coverage is
 * counted the same way, so the periods never disagree by a day on the same start date.
 */

import { addDays, addMonths, type CalendarDate, compareDates, daysBetween } from "./calendar-date.ts";

/** Where a period stands on a given day. */
export type WarrantyStatus = "not-started" | "active" | "ends-soon" | "ended";

/**
 * Who confirmed the purchase date (DESIGN R13): the own web shop, a phone's activation, or a
 * receipt the owner sent and a reviewer read (a claim).
 */
export type ConfirmationSource = "shop-order" | "activation" | "claim";

/** The statutory class of a category: "long" for goods meant to last considerably longer (phones, TVs, appliances). */
export type StatutoryClass = "standard" | "long";

/** How far a date can be trusted, from least to most. */
export type DateBasis = "estimated" | "stated" | "confirmed";

/** Where the start date comes from. */
export type StartSource = "manufacture-date" | "purchase-date" | ConfirmationSource;

/** The product's one start date. */
export interface WarrantyStart {
  date: CalendarDate;
  basis: DateBasis;
  source: StartSource;
}

/** What a coverage pays for. */
export interface Covers {
  parts: boolean;
  labour: boolean;
}

/**
 * - `manufacturer`: the base warranty of the category, from the start date.
 * - `registration-bonus`: months the category adds for registering, from the day after the base ends.
 * - `extended`: an extended-warranty product the operator imported for this unit, with its own dates.
 * - `repair`: the warranty on a repair, from the day it was done.
 */
export type CoverageKind = "manufacturer" | "registration-bonus" | "extended" | "repair";

export interface Coverage {
  /** Stable within the unit: `manufacturer`, `registration-bonus`, `extended:<ref>`, `repair:<ref>`. */
  key: string;
  kind: CoverageKind;
  start: CalendarDate;
  /** The last day covered. */
  end: CalendarDate;
  basis: DateBasis;
  covers: Covers;
  /** The length in months when it was counted from months; null when imported with its own end. */
  months: number | null;
  /** The extended-warranty product's code or the repair's number; null for the others. */
  reference: string | null;
  status: WarrantyStatus;
  /** Days from today to `end`: 0 on the last day, negative once ended. */
  daysLeft: number;
}

/** A coverage with dates of its own, known from elsewhere (an import, a finished repair). */
export interface DatedCoverage {
  kind: "extended" | "repair";
  reference: string;
  start: CalendarDate;
  end: CalendarDate;
  covers: Covers;
  months: number | null;
}

export interface StatutoryPeriod {
  /** The purchase (delivery) date the period runs from: the product's start date. */
  start: CalendarDate;
  /** The last day a complaint can be made. */
  end: CalendarDate;
  years: 2 | 5;
  basis: DateBasis;
  status: WarrantyStatus;
  /** Days from today to `end`: 0 on the last day, negative once ended. */
  daysLeft: number;
}

/**
 * Where the owner stands, in one word: a coverage runs (or is about to); only the right to
 * complain is left; everything has ended; or nothing could be counted.
 */
export type WarrantyStanding = "covered" | "complaint-only" | "ended" | "unknown";

export interface WarrantyInput {
  /** From the unit registry; null when the factory did not report it. */
  manufacturedOn: CalendarDate | null;
  category: {
    warrantyMonths: number;
    statutoryClass: StatutoryClass;
    /** Months added after the base warranty for registering the product (0: none). */
    registrationBonusMonths?: number;
  };
  /** Days between manufacture and the estimated sale, to be fair to owners without a receipt. */
  shippingAllowanceDays: number;
  /** The purchase date the owner (or customer service for them) gave, without proof. */
  statedPurchaseDate?: CalendarDate | null;
  /** A purchase date we can prove. */
  confirmation?: { date: CalendarDate; source: ConfirmationSource } | null;
  /** Whether the unit is registered to an owner: the registration bonus is theirs only then. */
  registered?: boolean;
  /** Extended warranties and repair warranties of the unit. */
  dated?: readonly DatedCoverage[];
  today: CalendarDate;
  /** A period is "ends-soon" from this many days before its end, the end day included. */
  endsSoonDays: number;
}

export interface WarrantyResult {
  /** Null when there is nothing to count from: no manufacture date and no purchase date. */
  start: WarrantyStart | null;
  /** The base warranty (also in `coverages`); null without a start or months. */
  manufacturer: Coverage | null;
  /** Every coverage, by start date (then base, bonus, extended, repair). */
  coverages: Coverage[];
  /** Null only while there is no start date. */
  statutory: StatutoryPeriod | null;
  /** The category decides: known even when the period cannot be counted. */
  statutoryYears: 2 | 5;
  standing: WarrantyStanding;
}

const BOTH: Covers = { parts: true, labour: true };
const KIND_RANK: Record<CoverageKind, number> = {
  manufacturer: 0,
  "registration-bonus": 1,
  extended: 2,
  repair: 3,
};

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
 * The product's one start date: a confirmed purchase date beats a stated one, which beats the
 * estimate from the manufacture date.
 *
 * @example
 * warrantyStart({ manufacturedOn: d("2025-09-01"), shippingAllowanceDays: 28, statedPurchaseDate: d("2026-02-10") });
 * // { date: "2026-02-10", basis: "stated", source: "purchase-date" }
 */
export function warrantyStart(
  input: Pick<
    WarrantyInput,
    "manufacturedOn" | "shippingAllowanceDays" | "statedPurchaseDate" | "confirmation"
  >,
): WarrantyStart | null {
  requireNonNegativeInteger("shippingAllowanceDays", input.shippingAllowanceDays);
  if (input.confirmation) {
    return { date: input.confirmation.date, basis: "confirmed", source: input.confirmation.source };
  }
  if (input.statedPurchaseDate) {
    return { date: input.statedPurchaseDate, basis: "stated", source: "purchase-date" };
  }
  if (input.manufacturedOn) {
    return {
      date: addDays(input.manufacturedOn, input.shippingAllowanceDays),
      basis: "estimated",
      source: "manufacture-date",
    };
  }
  return null;
}

/**
 * Checks a coverage with its own dates (an import row): its end not before its start.
 *
 * @example datedCoverageProblem(d("2027-01-01"), d("2026-12-31")); // "coverage.dates_inverted"
 */
export function datedCoverageProblem(
  start: CalendarDate,
  end: CalendarDate,
): "coverage.dates_inverted" | null {
  return compareDates(end, start) < 0 ? "coverage.dates_inverted" : null;
}

/**
 * Whether two periods share a day (both ends included).
 *
 * @example periodsOverlap({ start: d("2026-01-01"), end: d("2026-12-31") }, { start: d("2026-12-31"), end: d("2027-06-30") }); // true
 */
export function periodsOverlap(
  a: { start: CalendarDate; end: CalendarDate },
  b: { start: CalendarDate; end: CalendarDate },
): boolean {
  return compareDates(a.start, b.end) <= 0 && compareDates(b.start, a.end) <= 0;
}

/**
 * Computes every coverage and the statutory complaint period of one product.
 *
 * The base warranty runs the category's months from the start date (see {@link warrantyStart});
 * a registered product gets the category's registration bonus from the day after it ends; dated
 * coverages (extended warranties, repair warranties) keep their own dates. The statutory period
 * runs 2 or 5 years from the same start date; the category's class decides which.
 *
 * @example
 * ```ts
 * const result = computeWarranty({
 *   manufacturedOn: calendarDate("2025-09-01"),
 *   category: { warrantyMonths: 24, statutoryClass: "long", registrationBonusMonths: 12 },
 *   shippingAllowanceDays: 28,
 *   statedPurchaseDate: calendarDate("2026-02-10"),
 *   registered: true,
 *   today: calendarDate("2026-12-01"),
 *   endsSoonDays: 30,
 * });
 * result.start; // { date: "2026-02-10", basis: "stated", source: "purchase-date" }
 * result.coverages.map((c) => `${c.kind} ${c.start}..${c.end}`);
 * // ["manufacturer 2026-02-10..2028-02-10", "registration-bonus 2028-02-11..2029-02-10"]
 * result.statutory?.end; // "2031-02-10"
 * ```
 */
export function computeWarranty(input: WarrantyInput): WarrantyResult {
  const { category, today, endsSoonDays } = input;
  requireNonNegativeInteger("category.warrantyMonths", category.warrantyMonths);
  requireNonNegativeInteger("category.registrationBonusMonths", category.registrationBonusMonths ?? 0);
  requireNonNegativeInteger("endsSoonDays", endsSoonDays);
  const start = warrantyStart(input);
  const coverage = (c: Omit<Coverage, "status" | "daysLeft">): Coverage => ({
    ...c,
    ...statusOn(c.start, c.end, today, endsSoonDays),
  });

  const coverages: Coverage[] = [];
  let manufacturer: Coverage | null = null;
  // Zero months means the category has no manufacturer warranty: showing a one-day period
  // would be misleading.
  if (start !== null && category.warrantyMonths > 0) {
    manufacturer = coverage({
      key: "manufacturer",
      kind: "manufacturer",
      start: start.date,
      end: addMonths(start.date, category.warrantyMonths),
      basis: start.basis,
      covers: BOTH,
      months: category.warrantyMonths,
      reference: null,
    });
    coverages.push(manufacturer);
    const bonus = category.registrationBonusMonths ?? 0;
    if (input.registered && bonus > 0) {
      const from = addDays(manufacturer.end, 1);
      coverages.push(
        coverage({
          key: "registration-bonus",
          kind: "registration-bonus",
          start: from,
          // Counted from the base's start, so the bonus never loses a day to a short month.
          end: addMonths(start.date, category.warrantyMonths + bonus),
          basis: start.basis,
          covers: BOTH,
          months: bonus,
          reference: null,
        }),
      );
    }
  }
  for (const dated of input.dated ?? []) {
    if (datedCoverageProblem(dated.start, dated.end)) continue;
    coverages.push(
      coverage({
        key: `${dated.kind}:${dated.reference}`,
        kind: dated.kind,
        start: dated.start,
        end: dated.end,
        basis: "confirmed",
        covers: dated.covers,
        months: dated.months,
        reference: dated.reference,
      }),
    );
  }
  coverages.sort(
    (a, b) =>
      compareDates(a.start, b.start) || KIND_RANK[a.kind] - KIND_RANK[b.kind] || a.key.localeCompare(b.key),
  );

  const years = statutoryYears(category.statutoryClass);
  let statutory: StatutoryPeriod | null = null;
  if (start !== null) {
    const end = addMonths(start.date, years * 12);
    statutory = {
      start: start.date,
      end,
      years,
      basis: start.basis,
      ...statusOn(start.date, end, today, endsSoonDays),
    };
  }

  let standing: WarrantyStanding;
  if (coverages.some((c) => c.status !== "ended")) standing = "covered";
  else if (statutory !== null && statutory.status !== "ended") standing = "complaint-only";
  else if (start === null && coverages.length === 0) standing = "unknown";
  else standing = "ended";

  return { start, manufacturer, coverages, statutory, statutoryYears: years, standing };
}

/** One point on a product page's timeline. */
export type TimelinePoint =
  | { kind: "start"; date: CalendarDate; basis: DateBasis }
  | { kind: "today"; date: CalendarDate; basis: "actual" }
  | { kind: "coverage-end"; date: CalendarDate; basis: DateBasis; coverage: CoverageKind; key: string }
  | { kind: "statutory-end"; date: CalendarDate; basis: DateBasis };

// On the same day, the story reads best as: bought, today, then what ends.
const POINT_ORDER: Record<TimelinePoint["kind"], number> = {
  start: 0,
  today: 1,
  "coverage-end": 2,
  "statutory-end": 3,
};

/**
 * The points of a product page's timeline, sorted by date: the start date (when known), today,
 * the end of each coverage and the statutory end, each with the basis of its date. Points on the
 * same day keep the order start, today, coverage ends, statutory end.
 *
 * @example
 * ```ts
 * warrantyTimeline(result, today).map((point) => `${point.kind} ${point.date}`);
 * // ["start 2024-05-02", "today 2025-06-01", "coverage-end 2026-05-02", "statutory-end 2026-05-02"]
 * ```
 */
export function warrantyTimeline(result: WarrantyResult, today: CalendarDate): TimelinePoint[] {
  const points: TimelinePoint[] = [{ kind: "today", date: today, basis: "actual" }];
  if (result.start !== null)
    points.push({ kind: "start", date: result.start.date, basis: result.start.basis });
  for (const c of result.coverages) {
    points.push({ kind: "coverage-end", date: c.end, basis: c.basis, coverage: c.kind, key: c.key });
  }
  if (result.statutory !== null) {
    points.push({ kind: "statutory-end", date: result.statutory.end, basis: result.statutory.basis });
  }
  return points.sort(
    (a, b) =>
      compareDates(a.date, b.date) ||
      POINT_ORDER[a.kind] - POINT_ORDER[b.kind] ||
      ("key" in a && "key" in b ? a.key.localeCompare(b.key) : 0),
  );
}

/** A period an owner is reminded of: a coverage, or the statutory period. */
export interface ReminderPeriod {
  /** The coverage's key, or `statutory`. */
  key: string;
  kind: CoverageKind | "statutory";
  end: CalendarDate;
}

/**
 * The periods whose end the owner is reminded of: the statutory period, and each coverage unless
 * another coverage carries on the next day (the base warranty followed by the registration
 * bonus ends for the owner only when the bonus does).
 *
 * @example
 * reminderPeriods(result).map((p) => p.key); // ["registration-bonus", "statutory"]
 */
export function reminderPeriods(result: {
  coverages: readonly Pick<Coverage, "key" | "kind" | "start" | "end">[];
  statutory: Pick<StatutoryPeriod, "end"> | null;
}): ReminderPeriod[] {
  const periods: ReminderPeriod[] = [];
  for (const c of result.coverages) {
    const next = addDays(c.end, 1);
    const carriedOn = result.coverages.some(
      (other) => other !== c && compareDates(other.start, next) <= 0 && compareDates(other.end, c.end) > 0,
    );
    if (!carriedOn) periods.push({ key: c.key, kind: c.kind, end: c.end });
  }
  if (result.statutory !== null) {
    periods.push({ key: "statutory", kind: "statutory", end: result.statutory.end });
  }
  return periods;
}

/**
 * The reminders due on `today` for a period ending on `end`: each threshold `t` before the end
 * with `0 <= daysLeft <= t`, and each `a` of `afterDays` (a reminder `a` days after the last
 * covered day) from that day for a week, given as `-a`. A reminder missed by a scheduler that
 * skipped a day is still returned, so the caller sends each one once by deduplicating on
 * (product, period, threshold). Most urgent first: the smallest threshold before the end, or the
 * latest after it; when several fall due together (a product registered late), a caller may send
 * only that one and mark the rest as sent.
 *
 * @example
 * ```ts
 * reminderDue(calendarDate("2025-03-31"), calendarDate("2025-03-03"), [90, 30, 7]); // [30, 90]
 * reminderDue(calendarDate("2025-03-31"), calendarDate("2025-04-01"), [90, 30, 7]); // [] (ended)
 * reminderDue(calendarDate("2025-03-31"), calendarDate("2025-04-01"), [90, 30, 7], [1]); // [-1]
 * ```
 */
export function reminderDue(
  end: CalendarDate,
  today: CalendarDate,
  thresholdsDays: readonly number[],
  afterDays: readonly number[] = [],
): number[] {
  for (const threshold of thresholdsDays) requireNonNegativeInteger("threshold", threshold);
  for (const after of afterDays) requirePositiveInteger("after", after);
  const daysLeft = daysBetween(today, end);
  if (daysLeft >= 0) {
    return [...new Set(thresholdsDays)].filter((threshold) => daysLeft <= threshold).sort((a, b) => a - b);
  }
  const since = -daysLeft;
  return [...new Set(afterDays)]
    .filter((after) => since >= after && since < after + AFTER_WINDOW_DAYS)
    .sort((a, b) => b - a)
    .map((after) => -after);
}

/** A reminder after the end is still sent this many days late (a scheduler that stopped), not later. */
export const AFTER_WINDOW_DAYS = 7;

function requirePositiveInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
}
