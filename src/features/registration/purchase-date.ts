import type { Config } from "../../config/config.ts";
import { isValidCalendarDate, todayIn } from "../../domain/calendar-date.ts";
import type { Clock } from "../../domain/clock.ts";
import { purchaseDateProblem } from "../../domain/purchase-date.ts";
import { Problem } from "../../server/problem.ts";

/**
 * A purchase date an owner states (registering, correcting it, or in a claim) must be a day that
 * has come in the portal's time zone, and not before the unit was made. Nothing to check without
 * a date; a date that is not `YYYY-MM-DD` never reaches here (the schemas refuse it).
 *
 * @throws Problem `registration.purchase_date_future` or `registration.purchase_date_before_manufacture`
 * @example checkPurchaseDate(config, app.clock, "2025-01-15", unit.manufactured_on);
 */
export function checkPurchaseDate(
  config: Pick<Config, "timeZone">,
  clock: Clock,
  date: string | null | undefined,
  manufacturedOn: string | null,
): void {
  if (!date || !isValidCalendarDate(date)) return;
  const today = todayIn(config.timeZone, clock.now());
  switch (purchaseDateProblem(date, { today, manufacturedOn })) {
    case null:
      return;
    case "registration.purchase_date_future":
      throw new Problem("registration.purchase_date_future", "The purchase date is in the future.");
    case "registration.purchase_date_before_manufacture":
      throw new Problem(
        "registration.purchase_date_before_manufacture",
        "The purchase date is before the product was made.",
        { manufacturedOn },
      );
  }
}
