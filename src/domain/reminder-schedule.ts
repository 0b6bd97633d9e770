/**
 * When a product's next warranty reminder is due, so that a reminder run reads only the products
 * with something to send instead of every registration (issue 12). A reminder for a period that
 * ends on `end` with threshold `t` is due on every day from `t` days before `end` through `end`;
 * one `a` days after the end is due for a week from `end + a` (as `reminderDue` in warranty.ts
 * counts them). The stored date is the first day a run has something to do.
 */

import { addDays, type CalendarDate, compareDates } from "./calendar-date.ts";
import { AFTER_WINDOW_DAYS } from "./warranty.ts";

/** The days one reminder may be sent: from `opens` through `end`, both included. */
interface ReminderWindow {
  opens: CalendarDate;
  end: CalendarDate;
}

function windowsOf(
  ends: readonly (CalendarDate | null)[],
  thresholdsDays: readonly number[],
  afterDays: readonly number[],
): ReminderWindow[] {
  for (const t of thresholdsDays) {
    if (!Number.isSafeInteger(t) || t < 0)
      throw new RangeError(`threshold must be a non-negative integer, got ${t}`);
  }
  for (const a of afterDays) {
    if (!Number.isSafeInteger(a) || a < 1) throw new RangeError(`after must be a positive integer, got ${a}`);
  }
  return ends.flatMap((end) =>
    end === null
      ? []
      : [
          ...[...new Set(thresholdsDays)].map((t) => ({ opens: addDays(end, -t), end })),
          ...[...new Set(afterDays)].map((a) => ({
            opens: addDays(end, a),
            end: addDays(end, a + AFTER_WINDOW_DAYS - 1),
          })),
        ],
  );
}

function earliest(dates: CalendarDate[]): CalendarDate | null {
  return dates.length === 0 ? null : (dates.sort(compareDates)[0] ?? null);
}

/**
 * The day a product's reminders are due when its coverage is computed (or computed again) on
 * `today`: today when a reminder may be sent today, else the day the first threshold is reached;
 * null when every period has ended. Reminders sent before are not known here: a run on that day
 * finds them in the outbox by their dedupe key and sends nothing twice.
 *
 * @param ends - the last covered day of each period (each coverage, the statutory period), null when unknown
 * @param afterDays - reminders sent this many days after a period's end
 * @example
 * ```ts
 * nextReminderDate([calendarDate("2027-03-14"), null], [60, 7], calendarDate("2025-06-01")); // "2027-01-13"
 * nextReminderDate([calendarDate("2027-03-14")], [60, 7], calendarDate("2027-02-01")); // "2027-02-01"
 * nextReminderDate([calendarDate("2027-03-14")], [60, 7], calendarDate("2027-03-15")); // null
 * ```
 */
export function nextReminderDate(
  ends: readonly (CalendarDate | null)[],
  thresholdsDays: readonly number[],
  today: CalendarDate,
  afterDays: readonly number[] = [],
): CalendarDate | null {
  return earliest(
    windowsOf(ends, thresholdsDays, afterDays)
      .filter((w) => compareDates(today, w.end) <= 0)
      .map((w) => (compareDates(w.opens, today) > 0 ? w.opens : today)),
  );
}

/**
 * The day a product's reminders are next due after a run on `ranOn` sent (or marked as sent)
 * every reminder due that day: the first later day on which another threshold is reached, or
 * null when none remains. Between the two nothing new falls due, so a run need not read the
 * product on those days.
 *
 * @example
 * ```ts
 * reminderDateAfterRun([calendarDate("2027-03-14")], [60, 7], calendarDate("2027-02-12")); // "2027-03-07"
 * reminderDateAfterRun([calendarDate("2027-03-14")], [60, 7], calendarDate("2027-03-09")); // null
 * ```
 */
export function reminderDateAfterRun(
  ends: readonly (CalendarDate | null)[],
  thresholdsDays: readonly number[],
  ranOn: CalendarDate,
  afterDays: readonly number[] = [],
): CalendarDate | null {
  return earliest(
    windowsOf(ends, thresholdsDays, afterDays)
      .map((w) => w.opens)
      .filter((opens) => compareDates(opens, ranOn) > 0),
  );
}
