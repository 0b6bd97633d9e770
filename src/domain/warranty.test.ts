import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  type CalendarDate,
  calendarDate,
  compareDates,
  daysBetween,
} from "./calendar-date.ts";
import {
  AFTER_WINDOW_DAYS,
  type ConfirmationSource,
  type Covers,
  computeWarranty,
  type DateBasis,
  type DatedCoverage,
  datedCoverageProblem,
  periodsOverlap,
  reminderDue,
  reminderPeriods,
  type StatutoryClass,
  statutoryYears,
  type TimelinePoint,
  type WarrantyInput,
  type WarrantyResult,
  type WarrantyStanding,
  type WarrantyStart,
  type WarrantyStatus,
  warrantyStart,
  warrantyTimeline,
} from "./warranty.ts";

const d = calendarDate;
const BOTH: Covers = { parts: true, labour: true };
const SOURCES: readonly ConfirmationSource[] = ["shop-order", "activation", "claim"];

/** Made 2024-01-10, so with the 90-day allowance the estimated start is 2024-04-09. */
function input(overrides: Partial<WarrantyInput> = {}): WarrantyInput {
  return {
    manufacturedOn: d("2024-01-10"),
    category: { warrantyMonths: 24, statutoryClass: "long" },
    shippingAllowanceDays: 90,
    statedPurchaseDate: null,
    confirmation: null,
    registered: false,
    dated: [],
    today: d("2025-06-01"),
    endsSoonDays: 30,
    ...overrides,
  };
}

function dated(
  kind: DatedCoverage["kind"],
  reference: string,
  start: string,
  end: string,
  covers: Covers = BOTH,
): DatedCoverage {
  return { kind, reference, start: d(start), end: d(end), covers, months: null };
}

/** Each coverage as `key start..end basis`, in the order the engine gives them. */
const spans = (result: WarrantyResult) =>
  result.coverages.map((c) => `${c.key} ${c.start}..${c.end} ${c.basis}`);

const anyDate: fc.Arbitrary<CalendarDate> = fc
  .integer({ min: 0, max: daysBetween(d("2000-01-01"), d("2040-12-31")) })
  .map((offset) => addDays(d("2000-01-01"), offset));

// Start and end drawn apart, so about half of them are inverted and must be skipped.
const anyDated: fc.Arbitrary<DatedCoverage> = fc.record({
  kind: fc.constantFrom<DatedCoverage["kind"]>("extended", "repair"),
  reference: fc.constantFrom("EXT-3Y", "R-1001", "R-1002"),
  start: anyDate,
  end: anyDate,
  covers: fc.record({ parts: fc.boolean(), labour: fc.boolean() }),
  months: fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }),
});

const anyInput: fc.Arbitrary<WarrantyInput> = fc.record({
  manufacturedOn: fc.option(anyDate, { nil: null }),
  category: fc.record({
    warrantyMonths: fc.integer({ min: 0, max: 120 }),
    statutoryClass: fc.constantFrom<StatutoryClass>("standard", "long"),
    registrationBonusMonths: fc.integer({ min: 0, max: 36 }),
  }),
  shippingAllowanceDays: fc.integer({ min: 0, max: 365 }),
  statedPurchaseDate: fc.option(anyDate, { nil: null }),
  confirmation: fc.option(fc.record({ date: anyDate, source: fc.constantFrom(...SOURCES) }), { nil: null }),
  registered: fc.boolean(),
  dated: fc.array(anyDated, { maxLength: 3 }),
  today: anyDate,
  endsSoonDays: fc.integer({ min: 0, max: 120 }),
});

function expectedStatus(start: CalendarDate, daysLeft: number, today: CalendarDate, endsSoonDays: number) {
  if (compareDates(today, start) < 0) return "not-started";
  if (daysLeft < 0) return "ended";
  return daysLeft <= endsSoonDays ? "ends-soon" : "active";
}

describe("statutoryYears", () => {
  it("gives 5 years for goods meant to last considerably longer and 2 for the rest", () => {
    expect(statutoryYears("long")).toBe(5);
    expect(statutoryYears("standard")).toBe(2);
  });
});

describe("one start date for every combination of dates", () => {
  const manufactured = d("2024-01-10"); // + 90 days: 2024-04-09
  const stated = d("2024-05-20");
  const confirmed = d("2024-06-03");
  // With 24 months, a 12-month registration bonus and the 5-year statutory period.
  const counted: Record<DateBasis, { base: string; bonus: string; statutory: string }> = {
    estimated: { base: "2024-04-09..2026-04-09", bonus: "2026-04-10..2027-04-09", statutory: "2029-04-09" },
    stated: { base: "2024-05-20..2026-05-20", bonus: "2026-05-21..2027-05-20", statutory: "2029-05-20" },
    confirmed: { base: "2024-06-03..2026-06-03", bonus: "2026-06-04..2027-06-03", statutory: "2029-06-03" },
  };

  for (const manufacturedOn of [null, manufactured]) {
    for (const statedPurchaseDate of [null, stated]) {
      for (const source of [null, ...SOURCES]) {
        const expected: WarrantyStart | null = source
          ? { date: confirmed, basis: "confirmed", source }
          : statedPurchaseDate
            ? { date: stated, basis: "stated", source: "purchase-date" }
            : manufacturedOn
              ? { date: d("2024-04-09"), basis: "estimated", source: "manufacture-date" }
              : null;
        const name = [
          manufacturedOn ? "made on a known day" : "made on an unknown day",
          statedPurchaseDate ? "a stated purchase" : "no stated purchase",
          source ? `confirmed by ${source}` : "no confirmation",
        ].join(", ");
        const outcome = expected
          ? `starts ${expected.basis} from ${expected.source}, and every period counts from it`
          : "has no start and no period";

        it(`${name}: ${outcome}`, () => {
          const warrantyInput = input({
            manufacturedOn,
            statedPurchaseDate,
            confirmation: source ? { date: confirmed, source } : null,
            category: { warrantyMonths: 24, statutoryClass: "long", registrationBonusMonths: 12 },
            registered: true,
          });
          const result = computeWarranty(warrantyInput);
          expect(warrantyStart(warrantyInput)).toEqual(expected);
          expect(result.start).toEqual(expected);
          expect(result.statutoryYears).toBe(5);
          if (expected === null) {
            expect(result).toMatchObject({ manufacturer: null, coverages: [], statutory: null });
            expect(result.standing).toBe("unknown");
            return;
          }
          const { base, bonus, statutory } = counted[expected.basis];
          expect(spans(result)).toEqual([
            `manufacturer ${base} ${expected.basis}`,
            `registration-bonus ${bonus} ${expected.basis}`,
          ]);
          expect(result.statutory).toMatchObject({
            start: expected.date,
            end: statutory,
            years: 5,
            basis: expected.basis,
          });
        });
      }
    }
  }
});

describe("every basis with every combination of coverages", () => {
  const repair = dated("repair", "R-1001", "2025-03-01", "2026-02-28");
  const extended = dated("extended", "EXT-3Y", "2026-06-04", "2028-06-03", { parts: true, labour: false });
  const starts: [name: string, overrides: Partial<WarrantyInput>, basis: DateBasis | null][] = [
    ["no start", { manufacturedOn: null }, null],
    ["an estimated start", {}, "estimated"],
    ["a stated start", { statedPurchaseDate: d("2024-05-20") }, "stated"],
    ["a confirmed start", { confirmation: { date: d("2024-06-03"), source: "claim" } }, "confirmed"],
  ];
  // Whatever the start, the coverages fall in this order (the bonus and the extended warranty
  // start on the same day for the confirmed start: the bonus ranks first).
  const order = ["manufacturer", "repair:R-1001", "registration-bonus", "extended:EXT-3Y"];

  for (const [startName, overrides, basis] of starts) {
    for (const registered of [false, true]) {
      for (const withRepair of [false, true]) {
        for (const withExtended of [false, true]) {
          const parts = [
            registered ? "registered" : "not registered",
            withRepair ? "a repair" : "no repair",
            withExtended ? "an extended warranty" : "no extended warranty",
          ];
          it(`${startName}, ${parts.join(", ")}`, () => {
            const result = computeWarranty(
              input({
                category: { warrantyMonths: 24, statutoryClass: "long", registrationBonusMonths: 12 },
                registered,
                dated: [...(withExtended ? [extended] : []), ...(withRepair ? [repair] : [])],
                ...overrides,
              }),
            );
            const present = new Set([
              ...(basis ? ["manufacturer"] : []),
              ...(basis && registered ? ["registration-bonus"] : []),
              ...(withRepair ? ["repair:R-1001"] : []),
              ...(withExtended ? ["extended:EXT-3Y"] : []),
            ]);
            expect(result.coverages.map((c) => c.key)).toEqual(order.filter((key) => present.has(key)));
            for (const c of result.coverages) {
              const dates = c.kind === "repair" ? repair : c.kind === "extended" ? extended : null;
              expect(c.basis).toBe(dates ? "confirmed" : basis);
              if (dates)
                expect(c).toMatchObject({ start: dates.start, end: dates.end, covers: dates.covers });
            }
            expect(result.manufacturer?.basis ?? null).toBe(basis);
            expect(result.statutory?.basis ?? null).toBe(basis);
            expect(result.standing).toBe(present.size > 0 ? "covered" : "unknown");
          });
        }
      }
    }
  }
});

describe("computeWarranty: the issue's phone with a stated purchase date", () => {
  const phone = (statedPurchaseDate: CalendarDate | null) =>
    computeWarranty({
      manufacturedOn: d("2025-07-01"),
      category: { warrantyMonths: 24, statutoryClass: "long", registrationBonusMonths: 12 },
      shippingAllowanceDays: 90,
      statedPurchaseDate,
      registered: true,
      today: d("2026-03-01"),
      endsSoonDays: 30,
    });

  it("would be estimated from 2025-09-29 without the stated date", () => {
    expect(phone(null).start).toEqual({ date: "2025-09-29", basis: "estimated", source: "manufacture-date" });
  });

  it("uses the stated date at once for the base, the bonus and the statutory period", () => {
    const result = phone(d("2026-02-10"));
    expect(result.start).toEqual({ date: "2026-02-10", basis: "stated", source: "purchase-date" });
    expect(spans(result)).toEqual([
      "manufacturer 2026-02-10..2028-02-10 stated",
      "registration-bonus 2028-02-11..2029-02-10 stated",
    ]);
    expect(result.statutory).toMatchObject({
      start: "2026-02-10",
      end: "2031-02-10",
      years: 5,
      basis: "stated",
    });
  });
});

describe("computeWarranty: the manufacturer's warranty", () => {
  it("estimates the start as the manufacture date plus the shipping allowance", () => {
    expect(computeWarranty(input()).manufacturer).toEqual({
      key: "manufacturer",
      kind: "manufacturer",
      start: "2024-04-09",
      end: "2026-04-09",
      basis: "estimated",
      covers: BOTH,
      months: 24,
      reference: null,
      status: "active",
      daysLeft: 312,
    });
  });

  it("takes the shipping allowance from the input, zero included", () => {
    expect(computeWarranty(input({ shippingAllowanceDays: 0 })).manufacturer?.start).toBe("2024-01-10");
    expect(computeWarranty(input({ shippingAllowanceDays: 30 })).manufacturer?.start).toBe("2024-02-09");
  });

  it("counts from a stated purchase date without a manufacture date", () => {
    const result = computeWarranty(input({ manufacturedOn: null, statedPurchaseDate: d("2024-05-02") }));
    expect(spans(result)).toEqual(["manufacturer 2024-05-02..2026-05-02 stated"]);
  });

  it("is null for a category without a manufacturer warranty, the statutory period still counted", () => {
    const result = computeWarranty(
      input({
        category: { warrantyMonths: 0, statutoryClass: "standard" },
        statedPurchaseDate: d("2024-05-02"),
      }),
    );
    expect(result.manufacturer).toBeNull();
    expect(result.coverages).toEqual([]);
    expect(result.statutory).toMatchObject({ end: "2026-05-02", years: 2 });
  });

  it("honours the category's number of months", () => {
    const months12 = input({ category: { warrantyMonths: 12, statutoryClass: "standard" } });
    expect(computeWarranty(months12).manufacturer?.end).toBe("2025-04-09");
  });

  it("ends on the last day of a shorter month when started on a month end", () => {
    const confirmed = (date: string, warrantyMonths: number) =>
      computeWarranty(
        input({
          category: { warrantyMonths, statutoryClass: "standard" },
          confirmation: { date: d(date), source: "shop-order" },
        }),
      ).manufacturer?.end;
    expect(confirmed("2023-08-31", 6)).toBe("2024-02-29");
    expect(confirmed("2022-08-31", 6)).toBe("2023-02-28");
    expect(confirmed("2024-05-31", 1)).toBe("2024-06-30");
    expect(confirmed("2023-02-28", 12)).toBe("2024-02-28");
  });

  it("ends on 28 February when it starts on a leap day and ends in a common year", () => {
    const fromLeapDay = (warrantyMonths: number) =>
      computeWarranty(
        input({
          category: { warrantyMonths, statutoryClass: "standard" },
          confirmation: { date: d("2024-02-29"), source: "shop-order" },
        }),
      ).manufacturer?.end;
    expect(fromLeapDay(12)).toBe("2025-02-28");
    expect(fromLeapDay(48)).toBe("2028-02-29");
    // 2023-12-01 + 90 days is the leap day 2024-02-29.
    const estimatedLeap = computeWarranty(input({ manufacturedOn: d("2023-12-01") })).manufacturer;
    expect(estimatedLeap?.start).toBe("2024-02-29");
    expect(estimatedLeap?.end).toBe("2026-02-28");
  });
});

describe("computeWarranty: the registration bonus", () => {
  const bonusOf = (overrides: Partial<WarrantyInput>, warrantyMonths = 24, registrationBonusMonths = 12) =>
    computeWarranty(
      input({
        category: { warrantyMonths, statutoryClass: "long", registrationBonusMonths },
        registered: true,
        ...overrides,
      }),
    ).coverages.find((c) => c.kind === "registration-bonus");

  it("follows the base warranty from the next day, counted like it", () => {
    expect(bonusOf({ confirmation: { date: d("2024-05-02"), source: "activation" } })).toEqual({
      key: "registration-bonus",
      kind: "registration-bonus",
      start: "2026-05-03",
      end: "2027-05-02",
      basis: "confirmed",
      covers: BOTH,
      months: 12,
      reference: null,
      status: "not-started",
      daysLeft: 700,
    });
  });

  it("is given only to a registered product", () => {
    expect(bonusOf({ registered: false })).toBeUndefined();
    expect(bonusOf({ registered: undefined })).toBeUndefined();
    expect(bonusOf({ registered: true })?.start).toBe("2026-04-10");
  });

  it("is not given when the category has no bonus months", () => {
    expect(bonusOf({}, 24, 0)).toBeUndefined();
    const withoutField = computeWarranty(
      input({ category: { warrantyMonths: 24, statutoryClass: "long" }, registered: true }),
    );
    expect(withoutField.coverages.map((c) => c.kind)).toEqual(["manufacturer"]);
  });

  it("is not given without a base warranty to follow", () => {
    expect(bonusOf({}, 0, 12)).toBeUndefined();
    expect(bonusOf({ manufacturedOn: null })).toBeUndefined();
  });

  it("keeps every day of its months across month ends and leap days", () => {
    const confirmedOn = (date: string) => ({
      confirmation: { date: d(date), source: "shop-order" as const },
    });
    const span = (overrides: Partial<WarrantyInput>, months: number, bonus: number) => {
      const c = bonusOf(overrides, months, bonus);
      return `${c?.start}..${c?.end}`;
    };
    // The base ends on 28 February; the bonus runs to the anniversary two years on.
    expect(span(confirmedOn("2024-02-29"), 12, 12)).toBe("2025-03-01..2026-02-28");
    expect(span(confirmedOn("2024-02-29"), 48, 12)).toBe("2028-03-01..2029-02-28");
    // Counted from the start, a month's bonus after a base ending on 29 February runs to 31 March.
    expect(span(confirmedOn("2023-08-31"), 6, 1)).toBe("2024-03-01..2024-03-31");
    expect(span(confirmedOn("2024-01-31"), 1, 1)).toBe("2024-03-01..2024-03-31");
    expect(span(confirmedOn("2023-12-31"), 12, 2)).toBe("2025-01-01..2025-02-28");
  });

  it("keeps the product covered after the base warranty has ended", () => {
    const result = computeWarranty(
      input({
        category: { warrantyMonths: 24, statutoryClass: "standard", registrationBonusMonths: 12 },
        registered: true,
        today: d("2026-06-01"),
      }),
    );
    expect(result.coverages.map((c) => `${c.kind} ${c.status}`)).toEqual([
      "manufacturer ended",
      "registration-bonus active",
    ]);
    expect(result.standing).toBe("covered");
  });
});

describe("computeWarranty: extended and repair warranties", () => {
  it("keeps each with its own dates, reference, months and covers", () => {
    const result = computeWarranty(
      input({
        dated: [
          { ...dated("extended", "EXT-3Y", "2026-04-10", "2027-04-09"), months: 12 },
          dated("repair", "R-1001", "2025-05-02", "2025-11-01", { parts: true, labour: false }),
        ],
      }),
    );
    expect(result.coverages.slice(1)).toEqual([
      {
        key: "repair:R-1001",
        kind: "repair",
        start: "2025-05-02",
        end: "2025-11-01",
        basis: "confirmed",
        covers: { parts: true, labour: false },
        months: null,
        reference: "R-1001",
        status: "active",
        daysLeft: 153,
      },
      {
        key: "extended:EXT-3Y",
        kind: "extended",
        start: "2026-04-10",
        end: "2027-04-09",
        basis: "confirmed",
        covers: BOTH,
        months: 12,
        reference: "EXT-3Y",
        status: "not-started",
        daysLeft: 677,
      },
    ]);
  });

  it("sorts by start, then base, bonus, extended, repair, then key", () => {
    const result = computeWarranty(
      input({
        category: { warrantyMonths: 24, statutoryClass: "long", registrationBonusMonths: 12 },
        registered: true,
        dated: [
          dated("repair", "R-2", "2026-04-10", "2026-10-09"),
          dated("repair", "R-1", "2026-04-10", "2026-10-09"),
          dated("extended", "EXT", "2026-04-10", "2028-04-09"),
          dated("repair", "R-0", "2024-04-09", "2024-10-08"),
          dated("repair", "R-9", "2024-01-20", "2024-07-19"),
        ],
      }),
    );
    expect(result.coverages.map((c) => c.key)).toEqual([
      "repair:R-9",
      "manufacturer",
      "repair:R-0",
      "registration-bonus",
      "extended:EXT",
      "repair:R-1",
      "repair:R-2",
    ]);
  });

  it("skips one whose end is before its start and keeps a one-day one", () => {
    const result = computeWarranty(
      input({
        dated: [
          dated("extended", "BACKWARDS", "2027-01-01", "2026-12-31"),
          dated("repair", "ONE-DAY", "2025-06-01", "2025-06-01"),
        ],
      }),
    );
    expect(result.coverages.map((c) => `${c.key} ${c.status}`)).toEqual([
      "manufacturer active",
      "repair:ONE-DAY ends-soon",
    ]);
  });

  it("are counted even when no start date is known", () => {
    const result = computeWarranty(
      input({ manufacturedOn: null, dated: [dated("repair", "R-1001", "2025-05-02", "2025-11-01")] }),
    );
    expect(result.start).toBeNull();
    expect(spans(result)).toEqual(["repair:R-1001 2025-05-02..2025-11-01 confirmed"]);
    expect(result.statutory).toBeNull();
    expect(result.standing).toBe("covered");
  });
});

describe("datedCoverageProblem and periodsOverlap", () => {
  it("refuses an end before the start and accepts a one-day period", () => {
    expect(datedCoverageProblem(d("2027-01-01"), d("2026-12-31"))).toBe("coverage.dates_inverted");
    expect(datedCoverageProblem(d("2027-01-01"), d("2027-01-01"))).toBeNull();
    expect(datedCoverageProblem(d("2027-01-01"), d("2029-12-31"))).toBeNull();
  });

  it("sees an overlap when two periods share at least one day", () => {
    const period = (start: string, end: string) => ({ start: d(start), end: d(end) });
    const year2026 = period("2026-01-01", "2026-12-31");
    expect(periodsOverlap(year2026, period("2026-12-31", "2027-06-30"))).toBe(true);
    expect(periodsOverlap(year2026, period("2026-03-01", "2026-03-01"))).toBe(true);
    expect(periodsOverlap(year2026, period("2025-01-01", "2027-12-31"))).toBe(true);
    expect(periodsOverlap(year2026, period("2027-01-01", "2027-06-30"))).toBe(false);
    expect(periodsOverlap(year2026, period("2025-01-01", "2025-12-31"))).toBe(false);
  });

  it("overlaps exactly when some day lies in both, whichever comes first", () => {
    const day = fc.integer({ min: 0, max: 40 }).map((n) => addDays(d("2026-01-01"), n));
    const period = fc
      .tuple(day, day)
      .map(([a, b]) => (compareDates(a, b) <= 0 ? { start: a, end: b } : { start: b, end: a }));
    fc.assert(
      fc.property(period, period, (a, b) => {
        let shared = false;
        for (let n = 0; n <= 40; n++) {
          const x = addDays(d("2026-01-01"), n);
          const inA = compareDates(a.start, x) <= 0 && compareDates(x, a.end) <= 0;
          const inB = compareDates(b.start, x) <= 0 && compareDates(x, b.end) <= 0;
          shared ||= inA && inB;
        }
        expect(periodsOverlap(a, b)).toBe(shared);
        expect(periodsOverlap(b, a)).toBe(shared);
      }),
    );
  });
});

describe("computeWarranty: the statutory complaint period", () => {
  it("runs 5 years from an estimated start for goods meant to last considerably longer", () => {
    expect(computeWarranty(input()).statutory).toEqual({
      start: "2024-04-09",
      end: "2029-04-09",
      years: 5,
      basis: "estimated",
      status: "active",
      daysLeft: 1408,
    });
  });

  it("runs 2 years from a stated purchase for other goods", () => {
    const standard = input({
      category: { warrantyMonths: 12, statutoryClass: "standard" },
      statedPurchaseDate: d("2024-05-02"),
    });
    expect(computeWarranty(standard).statutory).toEqual({
      start: "2024-05-02",
      end: "2026-05-02",
      years: 2,
      basis: "stated",
      status: "active",
      daysLeft: 335,
    });
  });

  it("is null only without a start, its length known from the category all the same", () => {
    for (const statutoryClass of ["standard", "long"] as const) {
      const result = computeWarranty(
        input({ manufacturedOn: null, category: { warrantyMonths: 24, statutoryClass } }),
      );
      expect(result.statutory).toBeNull();
      expect(result.statutoryYears).toBe(statutoryYears(statutoryClass));
    }
  });

  it("ends on 28 February for a delivery on a leap day, in both classes", () => {
    const leap = (statutoryClass: StatutoryClass) =>
      computeWarranty(
        input({ category: { warrantyMonths: 24, statutoryClass }, statedPurchaseDate: d("2024-02-29") }),
      ).statutory?.end;
    expect(leap("standard")).toBe("2026-02-28");
    expect(leap("long")).toBe("2029-02-28");
  });

  it("keeps the manufacturer's warranty and the statutory period separate", () => {
    const result = computeWarranty(
      input({
        category: { warrantyMonths: 12, statutoryClass: "long" },
        confirmation: { date: d("2024-05-02"), source: "shop-order" },
      }),
    );
    expect(result.manufacturer).toMatchObject({ end: "2025-05-02", status: "ended" });
    expect(result.statutory).toMatchObject({ end: "2029-05-02", status: "active" });
  });
});

describe("computeWarranty: standing", () => {
  const standing = (overrides: Partial<WarrantyInput>) => computeWarranty(input(overrides)).standing;

  it("is covered while a coverage runs or is about to start", () => {
    expect(standing({})).toBe("covered");
    expect(standing({ manufacturedOn: d("2025-05-20") })).toBe("covered"); // starts 2025-08-18
  });

  it("is complaint-only for an older TV whose base warranty ended inside the 5-year period", () => {
    const tv = computeWarranty(
      input({
        category: { warrantyMonths: 24, statutoryClass: "long" },
        confirmation: { date: d("2021-03-01"), source: "claim" },
        today: d("2025-06-01"),
      }),
    );
    expect(tv.manufacturer).toMatchObject({ end: "2023-03-01", status: "ended" });
    expect(tv.statutory).toMatchObject({ end: "2026-03-01", status: "active" });
    expect(tv.standing).toBe("complaint-only");
  });

  it("is ended once every coverage and the statutory period have ended", () => {
    const kettle = input({
      category: { warrantyMonths: 24, statutoryClass: "standard" },
      confirmation: { date: d("2021-03-01"), source: "claim" },
    });
    expect(computeWarranty(kettle).standing).toBe("ended");
    const repairedLongAgo = [dated("repair", "R-1", "2022-01-01", "2022-12-31")];
    expect(standing({ manufacturedOn: null, dated: repairedLongAgo })).toBe("ended");
  });

  it("is covered by an extended warranty after the statutory period", () => {
    const result = computeWarranty(
      input({
        category: { warrantyMonths: 24, statutoryClass: "standard" },
        confirmation: { date: d("2021-03-01"), source: "claim" },
        dated: [dated("extended", "EXT-5Y", "2023-03-02", "2026-03-01")],
      }),
    );
    expect(result.statutory?.status).toBe("ended");
    expect(result.standing).toBe("covered");
  });

  it("is unknown when nothing could be counted", () => {
    expect(standing({ manufacturedOn: null })).toBe("unknown");
    expect(
      standing({ manufacturedOn: null, dated: [dated("extended", "BAD", "2026-01-02", "2026-01-01")] }),
    ).toBe("unknown");
  });
});

describe("computeWarranty: status and days left", () => {
  // Confirmed 2024-05-02 with 24 months: the last covered day is 2026-05-02.
  const at = (today: string, endsSoonDays = 30) =>
    computeWarranty(
      input({
        category: { warrantyMonths: 24, statutoryClass: "standard" },
        confirmation: { date: d("2024-05-02"), source: "shop-order" },
        today: d(today),
        endsSoonDays,
      }),
    );

  const cases: [today: string, status: WarrantyStatus, daysLeft: number][] = [
    ["2024-05-01", "not-started", 731],
    ["2024-05-02", "active", 730],
    ["2026-04-01", "active", 31],
    ["2026-04-02", "ends-soon", 30],
    ["2026-05-01", "ends-soon", 1],
    ["2026-05-02", "ends-soon", 0],
    ["2026-05-03", "ended", -1],
    ["2027-05-02", "ended", -365],
  ];
  for (const [today, status, daysLeft] of cases) {
    it(`is ${status} with ${daysLeft} days left on ${today}`, () => {
      const { manufacturer, statutory } = at(today);
      expect(manufacturer).toMatchObject({ status, daysLeft });
      // The statutory period has the same dates here (2 years = 24 months from the same day).
      expect(statutory).toMatchObject({ status, daysLeft });
    });
  }

  it("covers the end date itself: it is the last day, not the first day after", () => {
    expect(at("2026-05-02").manufacturer?.status).not.toBe("ended");
    expect(at("2026-05-03").manufacturer?.status).toBe("ended");
  });

  it("marks only the last day as ending soon when the threshold is zero", () => {
    expect(at("2026-05-01", 0).manufacturer?.status).toBe("active");
    expect(at("2026-05-02", 0).manufacturer?.status).toBe("ends-soon");
  });

  it("reports not-started before the estimated start even inside the ends-soon window", () => {
    const early = computeWarranty(
      input({ manufacturedOn: d("2025-05-20"), today: d("2025-06-01"), endsSoonDays: 10_000 }),
    );
    expect(early.manufacturer?.start).toBe("2025-08-18");
    expect(early.manufacturer?.status).toBe("not-started");
    expect(early.manufacturer?.daysLeft).toBe(daysBetween(d("2025-06-01"), d("2027-08-18")));
    expect(early.statutory?.status).toBe("not-started");
  });

  it("refuses negative or fractional numbers of months and days", () => {
    const bad: Partial<WarrantyInput>[] = [
      { category: { warrantyMonths: -1, statutoryClass: "standard" } },
      { category: { warrantyMonths: 1.5, statutoryClass: "standard" } },
      { category: { warrantyMonths: 24, statutoryClass: "standard", registrationBonusMonths: -1 } },
      { category: { warrantyMonths: 24, statutoryClass: "standard", registrationBonusMonths: 0.5 } },
      { shippingAllowanceDays: -1 },
      { shippingAllowanceDays: Number.NaN },
      { endsSoonDays: -1 },
      { endsSoonDays: 1.5 },
    ];
    for (const overrides of bad) expect(() => computeWarranty(input(overrides))).toThrow(RangeError);
    expect(() => warrantyStart({ ...input(), shippingAllowanceDays: -1 })).toThrow(RangeError);
  });
});

describe("computeWarranty: properties for any input", () => {
  it("takes one start: confirmed over stated over estimated", () => {
    fc.assert(
      fc.property(anyInput, (warrantyInput) => {
        const { start } = computeWarranty(warrantyInput);
        const { confirmation, statedPurchaseDate, manufacturedOn, shippingAllowanceDays } = warrantyInput;
        if (confirmation) expect(start).toEqual({ ...confirmation, basis: "confirmed" });
        else if (statedPurchaseDate)
          expect(start).toEqual({ date: statedPurchaseDate, basis: "stated", source: "purchase-date" });
        else if (manufacturedOn)
          expect(start).toEqual({
            date: addDays(manufacturedOn, shippingAllowanceDays),
            basis: "estimated",
            source: "manufacture-date",
          });
        else expect(start).toBeNull();
      }),
    );
  });

  it("counts the base and the bonus from the start, with its basis", () => {
    fc.assert(
      fc.property(anyInput, (warrantyInput) => {
        const { start, manufacturer, coverages } = computeWarranty(warrantyInput);
        const { warrantyMonths, registrationBonusMonths = 0 } = warrantyInput.category;
        expect(manufacturer !== null).toBe(start !== null && warrantyMonths > 0);
        const bonus = coverages.find((c) => c.kind === "registration-bonus");
        expect(bonus !== undefined).toBe(
          manufacturer !== null && warrantyInput.registered === true && registrationBonusMonths > 0,
        );
        if (start === null || manufacturer === null) return;
        expect(manufacturer).toMatchObject({
          start: start.date,
          end: addMonths(start.date, warrantyMonths),
          basis: start.basis,
        });
        if (bonus === undefined) return;
        expect(bonus).toMatchObject({
          start: addDays(manufacturer.end, 1),
          end: addMonths(start.date, warrantyMonths + registrationBonusMonths),
          basis: start.basis,
        });
        expect(compareDates(bonus.start, bonus.end)).toBeLessThanOrEqual(0);
      }),
    );
  });

  it("gives a statutory period exactly when a start exists, lasting 2 or 5 years from it", () => {
    fc.assert(
      fc.property(anyInput, (warrantyInput) => {
        const { start, statutory, statutoryYears: years } = computeWarranty(warrantyInput);
        expect(years).toBe(statutoryYears(warrantyInput.category.statutoryClass));
        expect(statutory !== null).toBe(start !== null);
        if (statutory === null || start === null) return;
        expect(statutory).toMatchObject({ start: start.date, basis: start.basis, years });
        const days = daysBetween(statutory.start, statutory.end);
        expect(years === 2 ? [730, 731] : [1826, 1827]).toContain(days);
      }),
    );
  });

  it("keeps every dated coverage whose dates are in order, all sorted by start", () => {
    fc.assert(
      fc.property(anyInput, (warrantyInput) => {
        const { coverages } = computeWarranty(warrantyInput);
        const inOrder = (warrantyInput.dated ?? []).filter((c) => compareDates(c.start, c.end) <= 0);
        const kept = coverages.filter((c) => c.kind === "extended" || c.kind === "repair");
        expect(kept).toHaveLength(inOrder.length);
        for (const c of kept) expect(c.basis).toBe("confirmed");
        const starts = coverages.map((c) => c.start);
        expect(starts).toEqual([...starts].sort(compareDates));
      }),
    );
  });

  it("derives status and days left from the dates", () => {
    fc.assert(
      fc.property(anyInput, (warrantyInput) => {
        const result = computeWarranty(warrantyInput);
        const { today, endsSoonDays } = warrantyInput;
        for (const period of [...result.coverages, ...(result.statutory ? [result.statutory] : [])]) {
          expect(compareDates(period.start, period.end)).toBeLessThanOrEqual(0);
          expect(period.daysLeft).toBe(daysBetween(today, period.end));
          expect(period.status).toBe(expectedStatus(period.start, period.daysLeft, today, endsSoonDays));
        }
      }),
    );
  });

  it("stands covered, complaint-only, ended or unknown by what is still running", () => {
    fc.assert(
      fc.property(anyInput, (warrantyInput) => {
        const { start, coverages, statutory, standing } = computeWarranty(warrantyInput);
        const running = coverages.some((c) => c.status !== "ended");
        expect(standing === "covered").toBe(running);
        expect(standing === "unknown").toBe(start === null && coverages.length === 0);
        expect(standing === "complaint-only").toBe(
          !running && statutory !== null && statutory.status !== "ended",
        );
      }),
    );
  });

  it("moves through the statuses and standings in order as the days pass", () => {
    const rank: Record<WarrantyStatus, number> = { "not-started": 0, active: 1, "ends-soon": 2, ended: 3 };
    const standingRank: Record<WarrantyStanding, number> = {
      unknown: 0,
      covered: 1,
      "complaint-only": 2,
      ended: 3,
    };
    fc.assert(
      fc.property(anyInput, fc.integer({ min: 1, max: 4000 }), (warrantyInput, step) => {
        const before = computeWarranty(warrantyInput);
        const after = computeWarranty({ ...warrantyInput, today: addDays(warrantyInput.today, step) });
        expect(after.coverages.map((c) => c.key)).toEqual(before.coverages.map((c) => c.key));
        after.coverages.forEach((c, i) => {
          expect(rank[c.status]).toBeGreaterThanOrEqual(rank[before.coverages[i]?.status ?? "not-started"]);
        });
        if (before.statutory && after.statutory) {
          expect(rank[after.statutory.status]).toBeGreaterThanOrEqual(rank[before.statutory.status]);
        }
        expect(standingRank[after.standing]).toBeGreaterThanOrEqual(standingRank[before.standing]);
        expect(after.standing === "unknown").toBe(before.standing === "unknown");
      }),
    );
  });
});

describe("warrantyTimeline", () => {
  const summary = (points: TimelinePoint[]) => points.map((p) => `${p.kind} ${p.date} ${p.basis}`);

  it("orders start, today, the base's end and the statutory end by date, all from one start", () => {
    const today = d("2025-06-01");
    const result = computeWarranty(input({ statedPurchaseDate: d("2024-05-02"), today }));
    expect(summary(warrantyTimeline(result, today))).toEqual([
      "start 2024-05-02 stated",
      "today 2025-06-01 actual",
      "coverage-end 2026-05-02 stated",
      "statutory-end 2029-05-02 stated",
    ]);
  });

  it("shows the estimated start and its ends when no purchase date is known", () => {
    const today = d("2025-06-01");
    expect(summary(warrantyTimeline(computeWarranty(input({ today })), today))).toEqual([
      "start 2024-04-09 estimated",
      "today 2025-06-01 actual",
      "coverage-end 2026-04-09 estimated",
      "statutory-end 2029-04-09 estimated",
    ]);
  });

  it("ends each coverage, the bonus and an extended warranty included, with its kind and key", () => {
    const today = d("2025-06-01");
    const result = computeWarranty(
      input({
        category: { warrantyMonths: 24, statutoryClass: "long", registrationBonusMonths: 12 },
        confirmation: { date: d("2024-05-02"), source: "shop-order" },
        registered: true,
        dated: [dated("extended", "EXT-2Y", "2027-05-03", "2029-05-02")],
        today,
      }),
    );
    expect(warrantyTimeline(result, today)).toEqual([
      { kind: "start", date: "2024-05-02", basis: "confirmed" },
      { kind: "today", date: "2025-06-01", basis: "actual" },
      {
        kind: "coverage-end",
        date: "2026-05-02",
        basis: "confirmed",
        coverage: "manufacturer",
        key: "manufacturer",
      },
      {
        kind: "coverage-end",
        date: "2027-05-02",
        basis: "confirmed",
        coverage: "registration-bonus",
        key: "registration-bonus",
      },
      {
        kind: "coverage-end",
        date: "2029-05-02",
        basis: "confirmed",
        coverage: "extended",
        key: "extended:EXT-2Y",
      },
      { kind: "statutory-end", date: "2029-05-02", basis: "confirmed" },
    ]);
  });

  it("puts today after ends that have passed", () => {
    const today = d("2027-01-01");
    const result = computeWarranty(
      input({
        category: { warrantyMonths: 12, statutoryClass: "standard" },
        confirmation: { date: d("2024-05-02"), source: "activation" },
        today,
      }),
    );
    expect(summary(warrantyTimeline(result, today))).toEqual([
      "start 2024-05-02 confirmed",
      "coverage-end 2025-05-02 confirmed",
      "statutory-end 2026-05-02 confirmed",
      "today 2027-01-01 actual",
    ]);
  });

  it("keeps start, today, coverage ends, statutory end as the order on the same day", () => {
    const today = d("2026-05-02");
    const result = computeWarranty(
      input({
        category: { warrantyMonths: 24, statutoryClass: "standard" },
        confirmation: { date: d("2024-05-02"), source: "shop-order" },
        dated: [dated("repair", "R-1", "2026-05-01", "2026-05-02")],
        today,
      }),
    );
    expect(warrantyTimeline(result, today).map((p) => p.kind)).toEqual([
      "start",
      "today",
      "coverage-end",
      "coverage-end",
      "statutory-end",
    ]);
    const boughtToday = computeWarranty(
      input({
        manufacturedOn: null,
        statedPurchaseDate: today,
        category: { warrantyMonths: 0, statutoryClass: "long" },
        today,
      }),
    );
    expect(warrantyTimeline(boughtToday, today).map((p) => p.kind)).toEqual([
      "start",
      "today",
      "statutory-end",
    ]);
  });

  it("shows only today when nothing could be computed", () => {
    const today = d("2025-06-01");
    const nothing = computeWarranty(input({ manufacturedOn: null, today }));
    expect(summary(warrantyTimeline(nothing, today))).toEqual(["today 2025-06-01 actual"]);
  });

  it("is always sorted by date and has one point per known date", () => {
    const order: Record<TimelinePoint["kind"], number> = {
      start: 0,
      today: 1,
      "coverage-end": 2,
      "statutory-end": 3,
    };
    fc.assert(
      fc.property(anyInput, (warrantyInput) => {
        const result = computeWarranty(warrantyInput);
        const points = warrantyTimeline(result, warrantyInput.today);
        const expectedCount =
          1 + (result.start ? 1 : 0) + result.coverages.length + (result.statutory ? 1 : 0);
        expect(points).toHaveLength(expectedCount);
        for (const [i, b] of points.entries()) {
          const a = points[i - 1];
          if (a === undefined) continue;
          const byDate = compareDates(a.date, b.date);
          expect(byDate).toBeLessThanOrEqual(0);
          if (byDate === 0) expect(order[a.kind]).toBeLessThanOrEqual(order[b.kind]);
        }
      }),
    );
  });
});

describe("reminderPeriods", () => {
  const keys = (overrides: Partial<WarrantyInput>) =>
    reminderPeriods(
      computeWarranty(
        input({
          category: { warrantyMonths: 24, statutoryClass: "long", registrationBonusMonths: 12 },
          confirmation: { date: d("2024-05-02"), source: "shop-order" },
          ...overrides,
        }),
      ),
    ).map((p) => `${p.key} ${p.end}`);

  it("reminds of the base's end and the statutory end", () => {
    expect(keys({})).toEqual(["manufacturer 2026-05-02", "statutory 2029-05-02"]);
  });

  it("reminds of the bonus's end only, not of the base it carries on", () => {
    expect(keys({ registered: true })).toEqual(["registration-bonus 2027-05-02", "statutory 2029-05-02"]);
  });

  it("reminds only of the last end of a chain of coverages that follow each other", () => {
    const afterBonus = dated("extended", "EXT", "2027-05-03", "2028-05-02");
    expect(keys({ registered: true, dated: [afterBonus] })).toEqual([
      "extended:EXT 2028-05-02",
      "statutory 2029-05-02",
    ]);
  });

  it("keeps the base's end when an extended warranty starts later than the day after it", () => {
    const afterGap = dated("extended", "EXT", "2026-05-04", "2027-05-03");
    expect(keys({ dated: [afterGap] })).toEqual([
      "manufacturer 2026-05-02",
      "extended:EXT 2027-05-03",
      "statutory 2029-05-02",
    ]);
  });

  it("reminds of a repair's own end when it runs past the base, instead of the base's", () => {
    const repair = dated("repair", "R-1", "2026-01-10", "2027-01-09");
    expect(keys({ dated: [repair] })).toEqual(["repair:R-1 2027-01-09", "statutory 2029-05-02"]);
  });

  it("does not remind of a repair's end while the base still covers the next day", () => {
    const repair = dated("repair", "R-1", "2025-01-10", "2025-07-09");
    expect(keys({ dated: [repair] })).toEqual(["manufacturer 2026-05-02", "statutory 2029-05-02"]);
  });

  it("gives no statutory period without a start", () => {
    const repair = dated("repair", "R-1", "2025-01-10", "2025-07-09");
    expect(keys({ manufacturedOn: null, confirmation: null, dated: [repair] })).toEqual([
      "repair:R-1 2025-07-09",
    ]);
  });

  it("leaves out exactly the coverages another one covers the day after", () => {
    fc.assert(
      fc.property(anyInput, (warrantyInput) => {
        const result = computeWarranty(warrantyInput);
        const periods = reminderPeriods(result);
        const remindedOf = result.coverages.filter((c) => {
          const next = addDays(c.end, 1);
          return !result.coverages.some(
            (other) => compareDates(other.start, next) <= 0 && compareDates(next, other.end) <= 0,
          );
        });
        expect(periods.filter((p) => p.kind !== "statutory")).toEqual(
          remindedOf.map((c) => ({ key: c.key, kind: c.kind, end: c.end })),
        );
        expect(periods.filter((p) => p.kind === "statutory")).toEqual(
          result.statutory ? [{ key: "statutory", kind: "statutory", end: result.statutory.end }] : [],
        );
      }),
    );
  });
});

describe("reminderDue", () => {
  const end = d("2025-03-31");
  const thresholds = [90, 30, 7, 1, 0];
  const on = (today: string, afterDays: number[] = []) => reminderDue(end, d(today), thresholds, afterDays);

  it("returns nothing while every threshold is still ahead", () => {
    expect(on("2024-12-30")).toEqual([]); // 91 days left
  });

  it("returns a threshold on the day the days left reach it", () => {
    expect(on("2024-12-31")).toEqual([90]); // 90 days left
    expect(on("2025-03-01")).toEqual([30, 90]);
    expect(on("2025-03-24")).toEqual([7, 30, 90]);
    expect(on("2025-03-30")).toEqual([1, 7, 30, 90]);
  });

  it("still returns a passed threshold, so a missed run is caught up by the next one", () => {
    expect(on("2025-03-02")).toEqual([30, 90]); // 29 days left: the 30-day run was missed
  });

  it("includes the end day itself, the last covered day, and no reminder after it yet", () => {
    expect(on("2025-03-31", [1])).toEqual([0, 1, 7, 30, 90]);
  });

  it("returns nothing once the period has ended, without reminders after the end", () => {
    expect(on("2025-04-01")).toEqual([]);
  });

  it("returns a reminder after the end from its day for a week, then nothing", () => {
    expect(AFTER_WINDOW_DAYS).toBe(7);
    expect(on("2025-04-01", [1])).toEqual([-1]); // the day after the end
    expect(on("2025-04-07", [1])).toEqual([-1]); // the seventh day after: still in the window
    expect(on("2025-04-08", [1])).toEqual([]);
    expect(on("2025-04-29", [30])).toEqual([]);
    expect(on("2025-04-30", [30])).toEqual([-30]);
    expect(on("2025-05-06", [30])).toEqual([-30]);
    expect(on("2025-05-07", [30])).toEqual([]);
  });

  it("gives several reminders after the end latest first, without duplicates", () => {
    expect(on("2025-04-03", [1, 3, 1, 10])).toEqual([-3, -1]);
  });

  it("sorts ascending and drops duplicate thresholds", () => {
    expect(reminderDue(end, d("2025-03-30"), [30, 1, 30, 7])).toEqual([1, 7, 30]);
    expect(reminderDue(end, d("2025-03-30"), [])).toEqual([]);
  });

  it("refuses negative or fractional thresholds and reminders after the end before day 1", () => {
    expect(() => reminderDue(end, d("2025-03-30"), [-1])).toThrow(RangeError);
    expect(() => reminderDue(end, d("2025-03-30"), [1.5])).toThrow(RangeError);
    for (const after of [0, -1, 1.5, Number.NaN]) {
      expect(() => reminderDue(end, d("2025-03-30"), [7], [after])).toThrow(RangeError);
    }
  });

  it("lets a scheduler that skips days send each reachable reminder exactly once, in its window", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 5 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { maxLength: 3 }),
        fc.array(fc.boolean(), { minLength: 120, maxLength: 120 }),
        (limits, afterDays, runs) => {
          // Day offset 79 is the end: 79 days before it and 40 after.
          const first = addDays(end, -79);
          const sent: { reminder: number; on: CalendarDate }[] = [];
          runs.forEach((ran, offset) => {
            if (!ran) return;
            const today = addDays(first, offset);
            for (const reminder of reminderDue(end, today, limits, afterDays)) {
              if (!sent.some((s) => s.reminder === reminder)) sent.push({ reminder, on: today });
            }
          });
          for (const threshold of limits) {
            const window = runs.slice(79 - threshold, 80).some(Boolean);
            const sends = sent.filter((s) => s.reminder === threshold);
            expect(sends).toHaveLength(window ? 1 : 0);
            for (const s of sends) expect(daysBetween(s.on, end)).toBeLessThanOrEqual(threshold);
          }
          for (const after of afterDays) {
            const window = runs.slice(79 + after, 79 + after + AFTER_WINDOW_DAYS).some(Boolean);
            const sends = sent.filter((s) => s.reminder === -after);
            expect(sends).toHaveLength(window ? 1 : 0);
            for (const s of sends) {
              expect(daysBetween(end, s.on)).toBeGreaterThanOrEqual(after);
              expect(daysBetween(end, s.on)).toBeLessThan(after + AFTER_WINDOW_DAYS);
            }
          }
          expect(sent).toHaveLength(new Set(sent.map((s) => s.reminder)).size);
        },
      ),
    );
  });
});
