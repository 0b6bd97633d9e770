import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, type CalendarDate, calendarDate, compareDates } from "./calendar-date.ts";
import { nextReminderDate, reminderDateAfterRun } from "./reminder-schedule.ts";
import { AFTER_WINDOW_DAYS, reminderDue } from "./warranty.ts";

const d = calendarDate;
const START = d("2026-01-01");

describe("nextReminderDate", () => {
  const ends = [d("2027-03-14"), d("2030-03-14")];

  it("is the day the first threshold is reached while every threshold is ahead", () => {
    expect(nextReminderDate(ends, [60, 7], d("2025-06-01"))).toBe("2027-01-13");
  });

  it("is today while a reminder may be sent today", () => {
    expect(nextReminderDate(ends, [60, 7], d("2027-01-13"))).toBe("2027-01-13");
    expect(nextReminderDate(ends, [60, 7], d("2027-03-14"))).toBe("2027-03-14");
  });

  it("moves to the next period once one has ended", () => {
    expect(nextReminderDate(ends, [60, 7], d("2027-03-15"))).toBe("2030-01-13");
  });

  it("is null once every period has ended, without periods or without thresholds", () => {
    expect(nextReminderDate(ends, [60, 7], d("2030-03-15"))).toBeNull();
    expect(nextReminderDate([null, null], [60, 7], d("2025-06-01"))).toBeNull();
    expect(nextReminderDate(ends, [], d("2025-06-01"))).toBeNull();
  });

  it("refuses negative or fractional thresholds", () => {
    expect(() => nextReminderDate(ends, [-1], d("2025-06-01"))).toThrow(RangeError);
    expect(() => reminderDateAfterRun(ends, [1.5], d("2025-06-01"))).toThrow(RangeError);
  });

  it("refuses reminders after the end before its first day or on a fraction of one", () => {
    for (const after of [0, -1, 1.5]) {
      expect(() => nextReminderDate(ends, [7], d("2025-06-01"), [after])).toThrow(RangeError);
      expect(() => reminderDateAfterRun(ends, [7], d("2025-06-01"), [after])).toThrow(RangeError);
    }
  });
});

describe("nextReminderDate with reminders after the end", () => {
  const end = d("2027-03-14");

  it("is the day after the end on that day, where without them nothing is left", () => {
    expect(nextReminderDate([end], [60, 7], d("2027-03-15"), [1])).toBe("2027-03-15");
    expect(nextReminderDate([end], [60, 7], d("2027-03-15"))).toBeNull();
  });

  it("is the day the window opens while it is ahead", () => {
    expect(nextReminderDate([end], [], d("2025-06-01"), [1])).toBe("2027-03-15");
    expect(nextReminderDate([end], [0], d("2027-03-15"), [30])).toBe("2027-04-13");
  });

  it("is today through the window's last day, then null", () => {
    const lastDay = addDays(end, AFTER_WINDOW_DAYS); // 2027-03-21 for a reminder 1 day after
    expect(nextReminderDate([end], [7], lastDay, [1])).toBe("2027-03-21");
    expect(nextReminderDate([end], [7], addDays(lastDay, 1), [1])).toBeNull();
  });

  it("takes the earliest among the periods' thresholds and windows", () => {
    const ends = [d("2027-03-14"), d("2027-03-20")];
    expect(nextReminderDate(ends, [2], d("2027-03-15"), [1])).toBe("2027-03-15");
    expect(nextReminderDate(ends, [2], d("2027-03-16"), [10])).toBe("2027-03-18");
  });
});

describe("reminderDateAfterRun with reminders after the end", () => {
  const end = d("2027-03-14");

  it("moves from the last threshold to the window after the end", () => {
    expect(reminderDateAfterRun([end], [7], d("2027-03-07"), [1])).toBe("2027-03-15");
    expect(reminderDateAfterRun([end], [7], d("2027-03-14"), [1, 30])).toBe("2027-03-15");
  });

  it("moves from one window after the end to the next, then to null", () => {
    expect(reminderDateAfterRun([end], [7], d("2027-03-15"), [1, 30])).toBe("2027-04-13");
    expect(reminderDateAfterRun([end], [7], d("2027-04-13"), [1, 30])).toBeNull();
  });
});

describe("reminderDateAfterRun", () => {
  const ends = [d("2027-03-14"), null];

  it("is the day the next threshold is reached", () => {
    expect(reminderDateAfterRun(ends, [60, 7], d("2027-01-13"))).toBe("2027-03-07");
    expect(reminderDateAfterRun(ends, [60, 7], d("2027-02-12"))).toBe("2027-03-07");
  });

  it("is null when no threshold is reached after the run", () => {
    expect(reminderDateAfterRun(ends, [60, 7], d("2027-03-07"))).toBeNull();
    expect(reminderDateAfterRun(ends, [60, 7], d("2028-01-01"))).toBeNull();
  });
});

const anyEnd: fc.Arbitrary<CalendarDate | null> = fc.option(
  fc.integer({ min: 0, max: 200 }).map((n) => addDays(START, n)),
  { nil: null },
);
const anyThresholds = fc.uniqueArray(fc.integer({ min: 0, max: 90 }), { maxLength: 4 });
// At most 40 days, so every window closes (end + 46) before the runs stop (day 260).
const anyAfterDays = fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { maxLength: 3 });

/** What was sent for each (period, threshold) and on which day; a reminder after the end is `-a`. */
function send(
  sent: Map<string, CalendarDate>,
  ends: (CalendarDate | null)[],
  limits: number[],
  afterDays: number[],
  on: CalendarDate,
) {
  ends.forEach((end, period) => {
    if (end === null) return;
    for (const threshold of reminderDue(end, on, limits, afterDays)) {
      const key = `${period}:${threshold}`;
      if (!sent.has(key)) sent.set(key, on);
    }
  });
}

describe("a run that reads a product only on its stored date", () => {
  it("sends what a run reading every product on every run day sends, on the same days", () => {
    fc.assert(
      fc.property(
        fc.array(anyEnd, { minLength: 1, maxLength: 2 }),
        anyThresholds,
        anyAfterDays,
        fc.integer({ min: 0, max: 100 }),
        fc.array(fc.boolean(), { minLength: 260, maxLength: 260 }),
        (ends, limits, afterDays, scheduledAfter, runs) => {
          const everyProduct = new Map<string, CalendarDate>();
          const dueOnly = new Map<string, CalendarDate>();
          // Coverage is computed on some day (a registration), then runs happen on some days.
          let due = nextReminderDate(ends, limits, addDays(START, scheduledAfter), afterDays);
          runs.forEach((ran, offset) => {
            const today = addDays(START, offset);
            if (!ran || offset < scheduledAfter) return;
            send(everyProduct, ends, limits, afterDays, today);
            if (due !== null && compareDates(due, today) <= 0) {
              send(dueOnly, ends, limits, afterDays, today);
              due = reminderDateAfterRun(ends, limits, today, afterDays);
            }
          });
          expect(dueOnly).toEqual(everyProduct);
        },
      ),
    );
  });

  it("never stores a day before the coverage was computed, nor one with nothing due", () => {
    fc.assert(
      fc.property(
        fc.array(anyEnd, { minLength: 1, maxLength: 2 }),
        anyThresholds,
        anyAfterDays,
        fc.integer({ min: -100, max: 300 }),
        (ends, limits, afterDays, offset) => {
          const today = addDays(START, offset);
          const due = nextReminderDate(ends, limits, today, afterDays);
          const after = reminderDateAfterRun(ends, limits, today, afterDays);
          for (const date of [due, after]) {
            if (date === null) continue;
            expect(compareDates(date, today)).toBeGreaterThanOrEqual(0);
            expect(
              ends.some((end) => end !== null && reminderDue(end, date, limits, afterDays).length > 0),
            ).toBe(true);
          }
          if (after !== null) expect(compareDates(after, today)).toBeGreaterThan(0);
        },
      ),
    );
  });
});
