import { addMonths, type CalendarDate } from "./calendar-date.ts";
import type { WarrantyStatus } from "./warranty.ts";

/**
 * The portal's first word on who pays for a repair, before a centre has seen the product. It is
 * always provisional: the centre confirms it from the product and the receipt, and an agent or a
 * reviewer may override it with a reason.
 *
 * - `manufacturer`: within the manufacturer's warranty.
 * - `statutory`: the manufacturer's warranty has ended (or there is none) but the statutory
 *   complaint period runs; a fault that was there at delivery is the seller's to put right.
 * - `not-covered`: both have ended; the centre quotes a price first.
 * - `unknown`: nothing to count from (no manufacture date, no purchase date).
 */
export const REPAIR_VERDICTS = ["manufacturer", "statutory", "not-covered", "unknown"] as const;
export type RepairVerdict = (typeof REPAIR_VERDICTS)[number];

interface Period {
  status: WarrantyStatus;
}

// A period that has not started yet (a unit made last month: its estimated warranty begins when it
// would have been sold) covers the fault all the more.
const covers = (period: Period | null) => period !== null && period.status !== "ended";

/**
 * The manufacturer pays while a coverage of the whole product runs (the base warranty, the
 * registration bonus, an extended warranty); a repair's own warranty covers that repair only, so
 * the centre judges a fault against it.
 *
 * @example provisionalVerdict({ manufacturer: { status: "active" }, statutory: null }); // "manufacturer"
 * @example provisionalVerdict({ manufacturer: { status: "ended" }, statutory: { status: "active" } }); // "statutory"
 * @example provisionalVerdict({ manufacturer: { status: "not-started" }, statutory: null }); // "manufacturer"
 * @example provisionalVerdict({ manufacturer: { status: "ended" }, coverages: [{ kind: "extended", status: "active" }], statutory: null }); // "manufacturer"
 */
export function provisionalVerdict(warranty: {
  manufacturer: Period | null;
  /** Every coverage; without it, the manufacturer's warranty alone counts. */
  coverages?: readonly (Period & { kind: string })[];
  statutory: Period | null;
}): RepairVerdict {
  const whole = (
    warranty.coverages ?? (warranty.manufacturer ? [{ ...warranty.manufacturer, kind: "manufacturer" }] : [])
  ).filter((c) => c.kind !== "repair");
  if (whole.some(covers)) return "manufacturer";
  if (covers(warranty.statutory)) return "statutory";
  if (warranty.manufacturer === null && warranty.statutory === null && whole.length === 0) return "unknown";
  return "not-covered";
}

/**
 * The end of the warranty on a repair done on `completedOn`: the category's months from that day,
 * counted as the manufacturer's warranty is (see `computeWarranty`).
 *
 * @example repairWarrantyEnd("2026-03-10" as CalendarDate, 6); // "2026-09-10"
 */
export function repairWarrantyEnd(completedOn: CalendarDate, months: number): CalendarDate {
  return addMonths(completedOn, Math.max(0, months));
}
