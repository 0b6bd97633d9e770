import { type CalendarDate, compareDates } from "./calendar-date.ts";

/** Why a stated purchase date cannot be right. */
export type PurchaseDateProblem =
  | "registration.purchase_date_future"
  | "registration.purchase_date_before_manufacture";

/**
 * Checks a purchase date an owner states: it must be a day that has come (in the portal's time
 * zone: `today`), and not before the unit was made. Returns the problem, or null when it can be right.
 *
 * @example
 * ```ts
 * const today = calendarDate("2026-12-01");
 * purchaseDateProblem(calendarDate("2026-12-02"), { today, manufacturedOn: null }); // "registration.purchase_date_future"
 * purchaseDateProblem(calendarDate("2024-01-31"), { today, manufacturedOn: "2024-02-01" });
 * // "registration.purchase_date_before_manufacture"
 * purchaseDateProblem(calendarDate("2026-12-01"), { today, manufacturedOn: "2024-02-01" }); // null
 * ```
 */
export function purchaseDateProblem(
  date: CalendarDate,
  unit: { today: CalendarDate; manufacturedOn: string | null },
): PurchaseDateProblem | null {
  if (compareDates(date, unit.today) > 0) return "registration.purchase_date_future";
  // Both are YYYY-MM-DD, so text order is date order.
  if (unit.manufacturedOn !== null && date < unit.manufacturedOn)
    return "registration.purchase_date_before_manufacture";
  return null;
}
