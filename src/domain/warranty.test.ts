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
  type ConfirmationSource,
  computeWarranty,
  reminderDue,
  type StatutoryClass,
  statutoryYears,
  type TimelinePoint,
  type WarrantyInput,
  type WarrantyStatus,
  warrantyTimeline,
} from "./warranty.ts";

const d = calendarDate;

function input(overrides: Partial<WarrantyInput> = {}): WarrantyInput {
  return {
    manufacturedOn: d("2024-01-10"),
    category: { warrantyMonths: 24, statutoryClass: "long" },
    shippingAllowanceDays: 90,
    statedPurchaseDate: null,
    confirmation: null,
    today: d("2025-06-01"),
    endsSoonDays: 30,
    ...overrides,
  };
}

const anyDate: fc.Arbitrary<CalendarDate> = fc
  .integer({ min: 0, max: daysBetween(d("2000-01-01"), d("2040-12-31")) })
  .map((offset) => addDays(d("2000-01-01"), offset));

const anyInput: fc.Arbitrary<WarrantyInput> = fc.record({
  manufacturedOn: fc.option(anyDate, { nil: null }),
  category: fc.record({
    warrantyMonths: fc.integer({ min: 0, max: 120 }),
    statutoryClass: fc.constantFrom<StatutoryClass>("standard", "long"),
  }),
  shippingAllowanceDays: fc.integer({ min: 0, max: 365 }),
  statedPurchaseDate: fc.option(anyDate, { nil: null }),
  confirmation: fc.option(
    fc.record({
      date: anyDate,
      source: fc.constantFrom<ConfirmationSource>("shop-order", "activation", "claim"),
    }),
    { nil: null },
  ),
  today: anyDate,
  endsSoonDays: fc.integer({ min: 0, max: 120 }),
});

describe("statutoryYears", () => {
  it("gives 5 years for goods meant to last considerably longer and 2 for the rest", () => {
    expect(statutoryYears("long")).toBe(5);
    expect(statutoryYears("standard")).toBe(2);
  });
});

describe("computeWarranty: the manufacturer's warranty", () => {
  it("estimates the start as the manufacture date plus the shipping allowance", () => {
    const { manufacturer } = computeWarranty(input());
    expect(manufacturer).toEqual({
      start: "2024-04-09",
      end: "2026-04-09",
      basis: "estimated",
      source: "manufacture-date",
      status: "active",
      daysLeft: 312,
    });
  });

  it("takes the shipping allowance from the input, zero included", () => {
    expect(computeWarranty(input({ shippingAllowanceDays: 0 })).manufacturer?.start).toBe("2024-01-10");
    expect(computeWarranty(input({ shippingAllowanceDays: 30 })).manufacturer?.start).toBe("2024-02-09");
  });

  it("does not move the estimate for a purchase date the owner only stated", () => {
    const withStated = computeWarranty(input({ statedPurchaseDate: d("2024-12-24") }));
    expect(withStated.manufacturer).toEqual(computeWarranty(input()).manufacturer);
  });

  for (const source of ["shop-order", "activation", "claim"] as const) {
    it(`starts on the confirmed purchase date when confirmed by ${source}`, () => {
      const { manufacturer } = computeWarranty(
        input({ confirmation: { date: d("2024-05-02"), source }, statedPurchaseDate: d("2024-04-01") }),
      );
      expect(manufacturer).toEqual({
        start: "2024-05-02",
        end: "2026-05-02",
        basis: "confirmed",
        source,
        status: "active",
        daysLeft: 335,
      });
    });
  }

  it("is computed from a confirmation alone when the manufacture date is unknown", () => {
    const { manufacturer } = computeWarranty(
      input({ manufacturedOn: null, confirmation: { date: d("2024-05-02"), source: "activation" } }),
    );
    expect(manufacturer?.basis).toBe("confirmed");
    expect(manufacturer?.end).toBe("2026-05-02");
  });

  it("is null when there is neither a manufacture date nor a confirmation", () => {
    expect(computeWarranty(input({ manufacturedOn: null })).manufacturer).toBeNull();
    expect(
      computeWarranty(input({ manufacturedOn: null, statedPurchaseDate: d("2024-05-02") })).manufacturer,
    ).toBeNull();
  });

  it("is null for a category without a manufacturer warranty", () => {
    const result = computeWarranty(
      input({
        category: { warrantyMonths: 0, statutoryClass: "standard" },
        statedPurchaseDate: d("2024-05-02"),
      }),
    );
    expect(result.manufacturer).toBeNull();
    expect(result.statutory?.years).toBe(2);
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
    const fromLeapDay = input({
      category: { warrantyMonths: 12, statutoryClass: "standard" },
      confirmation: { date: d("2024-02-29"), source: "shop-order" },
    });
    expect(computeWarranty(fromLeapDay).manufacturer?.end).toBe("2025-02-28");
    // 2023-12-01 + 90 days is the leap day 2024-02-29.
    const estimatedLeap = computeWarranty(input({ manufacturedOn: d("2023-12-01") })).manufacturer;
    expect(estimatedLeap?.start).toBe("2024-02-29");
    expect(estimatedLeap?.end).toBe("2026-02-28");
    const fourYears = input({
      category: { warrantyMonths: 48, statutoryClass: "standard" },
      confirmation: { date: d("2024-02-29"), source: "shop-order" },
    });
    expect(computeWarranty(fourYears).manufacturer?.end).toBe("2028-02-29");
  });
});

describe("computeWarranty: the statutory complaint period", () => {
  it("is null while no purchase date is known", () => {
    expect(computeWarranty(input()).statutory).toBeNull();
  });

  it("runs 5 years from a stated purchase for goods meant to last considerably longer", () => {
    expect(computeWarranty(input({ statedPurchaseDate: d("2024-05-02") })).statutory).toEqual({
      start: "2024-05-02",
      end: "2029-05-02",
      years: 5,
      basis: "stated",
      status: "active",
      daysLeft: 1431,
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

  for (const source of ["shop-order", "activation", "claim"] as const) {
    it(`prefers a purchase date confirmed by ${source} over a stated one`, () => {
      const { statutory } = computeWarranty(
        input({ statedPurchaseDate: d("2024-01-01"), confirmation: { date: d("2024-05-02"), source } }),
      );
      expect(statutory?.start).toBe("2024-05-02");
      expect(statutory?.end).toBe("2029-05-02");
      expect(statutory?.basis).toBe("confirmed");
    });
  }

  it("is computed without a manufacture date", () => {
    const { statutory } = computeWarranty(
      input({ manufacturedOn: null, statedPurchaseDate: d("2024-05-02") }),
    );
    expect(statutory?.end).toBe("2029-05-02");
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
    expect(result.manufacturer?.end).toBe("2025-05-02");
    expect(result.manufacturer?.status).toBe("ended");
    expect(result.statutory?.end).toBe("2029-05-02");
    expect(result.statutory?.status).toBe("active");
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
      expect(manufacturer?.status).toBe(status);
      expect(manufacturer?.daysLeft).toBe(daysLeft);
      // The statutory period has the same dates here (2 years = 24 months from the same day).
      expect(statutory?.status).toBe(status);
      expect(statutory?.daysLeft).toBe(daysLeft);
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
  });

  it("refuses negative or fractional numbers of months and days", () => {
    const bad: Partial<WarrantyInput>[] = [
      { category: { warrantyMonths: -1, statutoryClass: "standard" } },
      { category: { warrantyMonths: 1.5, statutoryClass: "standard" } },
      { shippingAllowanceDays: -1 },
      { shippingAllowanceDays: Number.NaN },
      { endsSoonDays: -1 },
    ];
    for (const overrides of bad) expect(() => computeWarranty(input(overrides))).toThrow(RangeError);
  });

  it("derives status and days left from the dates for any input", () => {
    fc.assert(
      fc.property(anyInput, (warrantyInput) => {
        const result = computeWarranty(warrantyInput);
        const { today, endsSoonDays } = warrantyInput;
        for (const period of [result.manufacturer, result.statutory]) {
          if (period === null) continue;
          expect(compareDates(period.start, period.end)).toBeLessThanOrEqual(0);
          expect(period.daysLeft).toBe(daysBetween(today, period.end));
          const expected: WarrantyStatus =
            compareDates(today, period.start) < 0
              ? "not-started"
              : period.daysLeft < 0
                ? "ended"
                : period.daysLeft <= endsSoonDays
                  ? "ends-soon"
                  : "active";
          expect(period.status).toBe(expected);
        }
      }),
    );
  });

  it("gives a manufacturer's warranty exactly when there is something to count from and months to count", () => {
    fc.assert(
      fc.property(anyInput, (warrantyInput) => {
        const { manufacturer } = computeWarranty(warrantyInput);
        const countable = warrantyInput.confirmation != null || warrantyInput.manufacturedOn !== null;
        expect(manufacturer !== null).toBe(countable && warrantyInput.category.warrantyMonths > 0);
        if (manufacturer === null) return;
        expect(manufacturer.end).toBe(addMonths(manufacturer.start, warrantyInput.category.warrantyMonths));
        if (warrantyInput.confirmation != null) {
          expect(manufacturer).toMatchObject({
            start: warrantyInput.confirmation.date,
            basis: "confirmed",
            source: warrantyInput.confirmation.source,
          });
        } else {
          expect(manufacturer.basis).toBe("estimated");
        }
      }),
    );
  });

  it("gives a statutory period exactly when a purchase date is known, lasting 2 or 5 years", () => {
    fc.assert(
      fc.property(anyInput, (warrantyInput) => {
        const { statutory } = computeWarranty(warrantyInput);
        const known = warrantyInput.confirmation != null || warrantyInput.statedPurchaseDate != null;
        expect(statutory !== null).toBe(known);
        if (statutory === null) return;
        const days = daysBetween(statutory.start, statutory.end);
        if (statutory.years === 2) expect([730, 731]).toContain(days);
        else expect([1826, 1827]).toContain(days);
        expect(statutory.basis).toBe(warrantyInput.confirmation != null ? "confirmed" : "stated");
      }),
    );
  });

  it("moves through the statuses in order as the days pass", () => {
    const rank: Record<WarrantyStatus, number> = { "not-started": 0, active: 1, "ends-soon": 2, ended: 3 };
    fc.assert(
      fc.property(anyInput, fc.integer({ min: 1, max: 4000 }), (warrantyInput, step) => {
        const before = computeWarranty(warrantyInput);
        const after = computeWarranty({ ...warrantyInput, today: addDays(warrantyInput.today, step) });
        if (before.manufacturer && after.manufacturer) {
          expect(rank[after.manufacturer.status]).toBeGreaterThanOrEqual(rank[before.manufacturer.status]);
        }
        if (before.statutory && after.statutory) {
          expect(rank[after.statutory.status]).toBeGreaterThanOrEqual(rank[before.statutory.status]);
        }
      }),
    );
  });
});

describe("warrantyTimeline", () => {
  const summary = (points: TimelinePoint[]) => points.map((p) => `${p.kind} ${p.date} ${p.basis}`);

  it("orders purchase, today, the manufacturer's end and the statutory end by date", () => {
    const today = d("2025-06-01");
    const result = computeWarranty(input({ statedPurchaseDate: d("2024-05-02"), today }));
    expect(summary(warrantyTimeline(result, today))).toEqual([
      "purchase 2024-05-02 stated",
      "today 2025-06-01 actual",
      "manufacturer-end 2026-04-09 estimated",
      "statutory-end 2029-05-02 stated",
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
      "purchase 2024-05-02 confirmed",
      "manufacturer-end 2025-05-02 confirmed",
      "statutory-end 2026-05-02 confirmed",
      "today 2027-01-01 actual",
    ]);
  });

  it("keeps purchase, today, manufacturer's end, statutory end as the order on the same day", () => {
    const today = d("2026-05-02");
    const result = computeWarranty(
      input({
        category: { warrantyMonths: 24, statutoryClass: "standard" },
        confirmation: { date: d("2024-05-02"), source: "shop-order" },
        today,
      }),
    );
    expect(warrantyTimeline(result, today).map((p) => p.kind)).toEqual([
      "purchase",
      "today",
      "manufacturer-end",
      "statutory-end",
    ]);
    const boughtToday = computeWarranty(input({ manufacturedOn: null, statedPurchaseDate: today, today }));
    expect(warrantyTimeline(boughtToday, today).map((p) => p.kind)).toEqual([
      "purchase",
      "today",
      "statutory-end",
    ]);
  });

  it("shows only today and the estimated end when no purchase date is known", () => {
    const today = d("2025-06-01");
    expect(summary(warrantyTimeline(computeWarranty(input({ today })), today))).toEqual([
      "today 2025-06-01 actual",
      "manufacturer-end 2026-04-09 estimated",
    ]);
  });

  it("shows only today when nothing could be computed", () => {
    const today = d("2025-06-01");
    const nothing = computeWarranty(input({ manufacturedOn: null, today }));
    expect(summary(warrantyTimeline(nothing, today))).toEqual(["today 2025-06-01 actual"]);
  });

  it("is always sorted by date and has one point per known date", () => {
    fc.assert(
      fc.property(anyInput, (warrantyInput) => {
        const result = computeWarranty(warrantyInput);
        const points = warrantyTimeline(result, warrantyInput.today);
        const expectedCount = 1 + (result.manufacturer ? 1 : 0) + (result.statutory ? 2 : 0);
        expect(points).toHaveLength(expectedCount);
        for (let i = 1; i < points.length; i++) {
          expect(
            compareDates(points[i - 1]?.date as CalendarDate, points[i]?.date as CalendarDate),
          ).toBeLessThanOrEqual(0);
        }
      }),
    );
  });
});

describe("reminderDue", () => {
  const end = d("2025-03-31");
  const thresholds = [90, 30, 7, 1, 0];
  const on = (today: string) => reminderDue(end, d(today), thresholds);

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

  it("includes the end day itself, the last covered day", () => {
    expect(on("2025-03-31")).toEqual([0, 1, 7, 30, 90]);
  });

  it("returns nothing once the period has ended", () => {
    expect(on("2025-04-01")).toEqual([]);
  });

  it("sorts ascending and drops duplicate thresholds", () => {
    expect(reminderDue(end, d("2025-03-30"), [30, 1, 30, 7])).toEqual([1, 7, 30]);
    expect(reminderDue(end, d("2025-03-30"), [])).toEqual([]);
  });

  it("refuses negative or fractional thresholds", () => {
    expect(() => reminderDue(end, d("2025-03-30"), [-1])).toThrow(RangeError);
    expect(() => reminderDue(end, d("2025-03-30"), [1.5])).toThrow(RangeError);
  });

  it("lets a scheduler that skips days send each reachable threshold exactly once, never early", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 5 }),
        fc.array(fc.boolean(), { minLength: 80, maxLength: 80 }),
        (limits, runs) => {
          const first = addDays(end, -79);
          const sent: { threshold: number; on: CalendarDate }[] = [];
          runs.forEach((ran, offset) => {
            if (!ran) return;
            const today = addDays(first, offset);
            for (const threshold of reminderDue(end, today, limits)) {
              if (!sent.some((s) => s.threshold === threshold)) sent.push({ threshold, on: today });
            }
          });
          for (const threshold of limits) {
            const window = runs.slice(79 - threshold).some(Boolean);
            const sends = sent.filter((s) => s.threshold === threshold);
            expect(sends).toHaveLength(window ? 1 : 0);
            for (const s of sends) expect(daysBetween(s.on, end)).toBeLessThanOrEqual(threshold);
          }
        },
      ),
    );
  });
});
