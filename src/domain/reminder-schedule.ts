/**
 * When a product's next warranty reminder is due, so that a reminder run reads only the products
 * with something to send instead of every registration (issue 12). A reminder for a period that
 * ends on `end` with threshold `t` is due on every day from `t` days before `end` through `end`
 * (as `reminderDue` in warranty.ts counts it); the stored date is the first day a run has something to do.
 */

import { addDays, type CalendarDate, compareDates } from "./calendar-date.ts";

/** The days one reminder may be sent: from `opens` through `end`, both included. */
interface ReminderWindow {
  opens: CalendarDate;
  end: CalendarDate;
}

function windowsOf(
  ends: readonly (CalendarDate | null)[],
  thresholdsDays: readonly number[],
): ReminderWindow[] {
  for (const t of thresholdsDays) {
    if (!Number.isSafeInteger(t) || t < 0)
      throw new RangeError(`threshold must be a non-negative integer, got ${t}`);
  }
  return ends.flatMap((end) =>
    end === null ? [] : [...new Set(thresholdsDays)].map((t) => ({ opens: addDays(end, -t), end })),
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
 * @param ends - the last covered day of each period (manufacturer's warranty, statutory period), null when unknown
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
): CalendarDate | null {
  return earliest(
    windowsOf(ends, thresholdsDays)
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
): CalendarDate | null {
  return earliest(
    windowsOf(ends, thresholdsDays)
      .map((w) => w.opens)
      .filter((opens) => compareDates(opens, ranOn) > 0),
  );
}
