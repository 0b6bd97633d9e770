import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  addYears,
  type CalendarDate,
  calendarDate,
  compareDates,
  DEFAULT_TIME_ZONE,
  daysBetween,
  isValidCalendarDate,
  parseCalendarDate,
  todayIn,
} from "./calendar-date.ts";

const d = calendarDate;

// Every valid date in 1900-2200, built from a day offset so leap days and month ends are drawn too.
const anyDate: fc.Arbitrary<CalendarDate> = fc
  .integer({ min: 0, max: daysBetween(d("1900-01-01"), d("2200-12-31")) })
  .map((offset) => addDays(d("1900-01-01"), offset));

describe("isValidCalendarDate", () => {
  it("accepts real dates written as YYYY-MM-DD", () => {
    for (const text of ["2024-01-01", "2024-02-29", "2000-02-29", "2023-12-31", "0000-01-01", "9999-12-31"]) {
      expect(isValidCalendarDate(text), text).toBe(true);
    }
  });

  it("rejects 29 February outside leap years, including century years not divisible by 400", () => {
    expect(isValidCalendarDate("2023-02-29")).toBe(false);
    expect(isValidCalendarDate("1900-02-29")).toBe(false);
    expect(isValidCalendarDate("2100-02-29")).toBe(false);
  });

  it("rejects impossible months and days", () => {
    for (const text of ["2024-13-01", "2024-00-10", "2024-01-00", "2024-01-32", "2024-04-31", "2024-02-30"]) {
      expect(isValidCalendarDate(text), text).toBe(false);
    }
  });

  it("rejects any other format", () => {
    const texts = [
      "",
      "2024-1-05",
      "2024-01-5",
      "24-01-05",
      "20240105",
      "2024/01/05",
      "05.01.2024",
      " 2024-01-05",
      "2024-01-05 ",
      "2024-01-05T00:00:00Z",
      "+02024-01-05",
      "２０２４-01-05",
    ];
    for (const text of texts) expect(isValidCalendarDate(text), JSON.stringify(text)).toBe(false);
  });
});

describe("parseCalendarDate and calendarDate", () => {
  it("return the date unchanged when it is valid", () => {
    expect(parseCalendarDate("2024-02-29")).toBe("2024-02-29");
    expect(calendarDate("2024-02-29")).toBe("2024-02-29");
  });

  it("report an invalid date as null, or as a RangeError when the caller asserted validity", () => {
    expect(parseCalendarDate("2023-02-29")).toBeNull();
    expect(() => calendarDate("2023-02-29")).toThrow(RangeError);
  });
});

describe("addMonths", () => {
  it("keeps the day of the month when the target month has it", () => {
    expect(addMonths(d("2024-01-15"), 1)).toBe("2024-02-15");
    expect(addMonths(d("2024-03-10"), 24)).toBe("2026-03-10");
  });

  it("clamps to the last day of a shorter target month", () => {
    expect(addMonths(d("2024-01-31"), 1)).toBe("2024-02-29");
    expect(addMonths(d("2023-01-31"), 1)).toBe("2023-02-28");
    expect(addMonths(d("2024-03-31"), 1)).toBe("2024-04-30");
    expect(addMonths(d("2024-08-31"), 1)).toBe("2024-09-30");
  });

  it("does not stretch a short month's last day to the next month's last day", () => {
    expect(addMonths(d("2023-02-28"), 1)).toBe("2023-03-28");
    expect(addMonths(d("2023-02-28"), 12)).toBe("2024-02-28");
    expect(addMonths(d("2024-04-30"), 1)).toBe("2024-05-30");
  });

  it("moves a leap day to 28 February in common years and keeps it in leap years", () => {
    expect(addMonths(d("2024-02-29"), 12)).toBe("2025-02-28");
    expect(addMonths(d("2024-02-29"), 24)).toBe("2026-02-28");
    expect(addMonths(d("2024-02-29"), 48)).toBe("2028-02-29");
    expect(addMonths(d("2024-02-29"), 60)).toBe("2029-02-28");
  });

  it("crosses year boundaries both ways", () => {
    expect(addMonths(d("2024-11-30"), 3)).toBe("2025-02-28");
    expect(addMonths(d("2024-01-31"), -2)).toBe("2023-11-30");
    expect(addMonths(d("2024-03-31"), -1)).toBe("2024-02-29");
    expect(addMonths(d("2024-05-15"), -17)).toBe("2022-12-15");
  });

  it("returns the same date for zero months", () => {
    expect(addMonths(d("2024-02-29"), 0)).toBe("2024-02-29");
  });

  it("refuses fractional months and results beyond year 9999", () => {
    expect(() => addMonths(d("2024-01-31"), 1.5)).toThrow(RangeError);
    expect(() => addMonths(d("9999-12-01"), 1)).toThrow(RangeError);
    expect(() => addMonths(d("0000-01-01"), -1)).toThrow(RangeError);
  });

  it("refuses a string that was cast to CalendarDate without being one", () => {
    expect(() => addMonths("2023-02-29" as CalendarDate, 1)).toThrow(RangeError);
  });

  it("always lands in the target month, on the same day or that month's last day", () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -240, max: 240 }), (date, n) => {
        const result = addMonths(date, n);
        expect(isValidCalendarDate(result)).toBe(true);
        const [y, m, day] = date.split("-").map(Number) as [number, number, number];
        const [ry, rm, rday] = result.split("-").map(Number) as [number, number, number];
        expect(ry * 12 + rm - (y * 12 + m)).toBe(n);
        if (rday !== day) {
          expect(rday).toBeLessThan(day);
          expect(addDays(result, 1).slice(8)).toBe("01");
        }
      }),
    );
  });

  it("is undone by going back when no clamping happened (days 1-28)", () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -240, max: 240 }), (date, n) => {
        fc.pre(Number(date.slice(8)) <= 28);
        expect(addMonths(addMonths(date, n), -n)).toBe(date);
      }),
    );
  });
});

describe("addYears", () => {
  it("adds whole years and clamps leap days", () => {
    expect(addYears(d("2024-02-29"), 1)).toBe("2025-02-28");
    expect(addYears(d("2024-02-29"), 4)).toBe("2028-02-29");
    expect(addYears(d("2024-06-30"), 5)).toBe("2029-06-30");
    expect(addYears(d("2024-06-30"), -2)).toBe("2022-06-30");
  });

  it("agrees with adding twelve months per year", () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -20, max: 20 }), (date, n) => {
        expect(addYears(date, n)).toBe(addMonths(date, 12 * n));
      }),
    );
  });

  it("refuses fractional years", () => {
    expect(() => addYears(d("2024-01-01"), 0.5)).toThrow(RangeError);
  });
});

describe("addDays", () => {
  it("crosses month, year and leap-day boundaries", () => {
    expect(addDays(d("2024-12-31"), 1)).toBe("2025-01-01");
    expect(addDays(d("2024-02-28"), 1)).toBe("2024-02-29");
    expect(addDays(d("2023-02-28"), 1)).toBe("2023-03-01");
    expect(addDays(d("2024-03-01"), -1)).toBe("2024-02-29");
    expect(addDays(d("2024-01-01"), 366)).toBe("2025-01-01");
    expect(addDays(d("2023-01-01"), 365)).toBe("2024-01-01");
  });

  it("handles dates far from 1970, including the years 0000-0099 that Date.UTC misreads", () => {
    expect(addDays(d("0001-01-01"), -1)).toBe("0000-12-31");
    expect(addDays(d("0000-02-28"), 1)).toBe("0000-02-29");
    expect(addDays(d("1600-02-28"), 1)).toBe("1600-02-29");
    expect(addDays(d("9999-12-30"), 1)).toBe("9999-12-31");
  });

  it("refuses fractional days and results outside years 0000-9999", () => {
    expect(() => addDays(d("2024-01-01"), 0.5)).toThrow(RangeError);
    expect(() => addDays(d("9999-12-31"), 1)).toThrow(RangeError);
    expect(() => addDays(d("0000-01-01"), -1)).toThrow(RangeError);
  });

  it("steps to the next valid date in order, one day at a time", () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        const next = addDays(date, 1);
        expect(isValidCalendarDate(next)).toBe(true);
        expect(compareDates(date, next)).toBe(-1);
        expect(daysBetween(date, next)).toBe(1);
      }),
    );
  });

  it("is the inverse of daysBetween", () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -100_000, max: 100_000 }), (date, n) => {
        expect(daysBetween(date, addDays(date, n))).toBe(n);
        expect(addDays(addDays(date, n), -n)).toBe(date);
      }),
    );
  });
});

describe("daysBetween", () => {
  it("counts days from the first date to the second, signed", () => {
    expect(daysBetween(d("2024-02-28"), d("2024-03-01"))).toBe(2);
    expect(daysBetween(d("2023-02-28"), d("2023-03-01"))).toBe(1);
    expect(daysBetween(d("2024-03-01"), d("2024-02-28"))).toBe(-2);
    expect(daysBetween(d("2024-05-05"), d("2024-05-05"))).toBe(0);
    expect(daysBetween(d("1970-01-01"), d("2000-01-01"))).toBe(10957);
  });

  it("agrees with UTC milliseconds for modern dates", () => {
    fc.assert(
      fc.property(anyDate, anyDate, (a, b) => {
        const ms = Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`);
        expect(daysBetween(a, b)).toBe(ms / 86_400_000);
      }),
    );
  });
});

describe("compareDates", () => {
  it("orders dates chronologically", () => {
    expect(compareDates(d("2024-01-01"), d("2024-01-02"))).toBeLessThan(0);
    expect(compareDates(d("2024-01-02"), d("2024-01-01"))).toBeGreaterThan(0);
    expect(compareDates(d("2024-01-01"), d("2024-01-01"))).toBe(0);
    expect([d("2025-01-01"), d("2024-06-30"), d("0999-12-31")].sort(compareDates)).toEqual([
      "0999-12-31",
      "2024-06-30",
      "2025-01-01",
    ]);
  });

  it("has the sign of daysBetween", () => {
    fc.assert(
      fc.property(anyDate, anyDate, (a, b) => {
        expect(Math.sign(compareDates(a, b))).toBe(Math.sign(daysBetween(b, a)));
      }),
    );
  });
});

describe("todayIn", () => {
  it("uses Europe/Oslo as the portal's default zone", () => {
    expect(DEFAULT_TIME_ZONE).toBe("Europe/Oslo");
  });

  it("answers every instant of a minute as Intl does, after another instant of that minute", () => {
    const zones = ["Europe/Oslo", "Asia/Kathmandu", "America/St_Johns", "Australia/Lord_Howe", "UTC"];
    const reference = (zone: string, at: Date) =>
      new Intl.DateTimeFormat("en-CA", {
        timeZone: zone,
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
      }).format(at);
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(1972, 0, 1) / 60_000, max: Date.UTC(2100, 0, 1) / 60_000 }),
        fc.integer({ min: 0, max: 59_999 }),
        fc.integer({ min: 0, max: 59_999 }),
        (zone, minute, first, second) => {
          todayIn(zone, new Date(minute * 60_000 + first));
          const at = new Date(minute * 60_000 + second);
          expect(todayIn(zone, at)).toBe(reference(zone, at));
        },
      ),
    );
  });

  it("turns the date at a midnight a quarter past a UTC hour (Kathmandu, UTC+5:45)", () => {
    expect(todayIn("Asia/Kathmandu", new Date("2024-03-01T18:14:00Z"))).toBe("2024-03-01");
    expect(todayIn("Asia/Kathmandu", new Date("2024-03-01T18:14:59.999Z"))).toBe("2024-03-01");
    expect(todayIn("Asia/Kathmandu", new Date("2024-03-01T18:15:00Z"))).toBe("2024-03-02");
  });

  it("is already tomorrow in Oslo from 22:00 UTC in summer time (UTC+2)", () => {
    expect(todayIn("Europe/Oslo", new Date("2024-06-30T21:59:59.999Z"))).toBe("2024-06-30");
    expect(todayIn("Europe/Oslo", new Date("2024-06-30T22:00:00Z"))).toBe("2024-07-01");
    expect(todayIn("UTC", new Date("2024-06-30T22:00:00Z"))).toBe("2024-06-30");
  });

  it("is already tomorrow in Oslo from 23:00 UTC in winter time (UTC+1)", () => {
    expect(todayIn("Europe/Oslo", new Date("2024-01-15T22:59:59.999Z"))).toBe("2024-01-15");
    expect(todayIn("Europe/Oslo", new Date("2024-01-15T23:00:00Z"))).toBe("2024-01-16");
    expect(todayIn("UTC", new Date("2024-01-15T23:00:00Z"))).toBe("2024-01-15");
  });

  it("turns the year at local midnight on New Year's Eve", () => {
    expect(todayIn("Europe/Oslo", new Date("2024-12-31T22:59:59Z"))).toBe("2024-12-31");
    expect(todayIn("Europe/Oslo", new Date("2024-12-31T23:00:00Z"))).toBe("2025-01-01");
  });

  it("reaches a leap day at local midnight", () => {
    expect(todayIn("Europe/Oslo", new Date("2024-02-28T23:00:00Z"))).toBe("2024-02-29");
  });

  it("stays on the same date through the daylight-saving switches, which happen at night", () => {
    // Summer time starts 2024-03-31 01:00 UTC and ends 2024-10-27 01:00 UTC.
    expect(todayIn("Europe/Oslo", new Date("2024-03-30T23:00:00Z"))).toBe("2024-03-31");
    expect(todayIn("Europe/Oslo", new Date("2024-03-31T21:59:59Z"))).toBe("2024-03-31");
    expect(todayIn("Europe/Oslo", new Date("2024-03-31T22:00:00Z"))).toBe("2024-04-01");
    expect(todayIn("Europe/Oslo", new Date("2024-10-26T22:00:00Z"))).toBe("2024-10-27");
    expect(todayIn("Europe/Oslo", new Date("2024-10-27T22:59:59Z"))).toBe("2024-10-27");
    expect(todayIn("Europe/Oslo", new Date("2024-10-27T23:00:00Z"))).toBe("2024-10-28");
  });

  it("gives the date west of UTC too", () => {
    expect(todayIn("America/New_York", new Date("2024-07-01T03:59:59Z"))).toBe("2024-06-30");
  });

  it("throws for an unknown time zone or an invalid Date", () => {
    expect(() => todayIn("Europe/Atlantis", new Date())).toThrow(RangeError);
    expect(() => todayIn("Europe/Oslo", new Date(Number.NaN))).toThrow(RangeError);
  });

  it("always returns a valid date within a day of the UTC date", () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date("1950-01-01T00:00:00Z"),
          max: new Date("2150-01-01T00:00:00Z"),
          noInvalidDate: true,
        }),
        (now) => {
          const oslo = todayIn("Europe/Oslo", now);
          const utc = now.toISOString().slice(0, 10) as CalendarDate;
          expect(isValidCalendarDate(oslo)).toBe(true);
          expect([0, 1]).toContain(daysBetween(utc, oslo));
        },
      ),
    );
  });
});
