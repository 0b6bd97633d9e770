import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, calendarDate } from "./calendar-date.ts";
import { purchaseDateProblem } from "./purchase-date.ts";

const today = calendarDate("2026-12-01");

describe("purchaseDateProblem", () => {
  it("accepts today, and refuses tomorrow as in the future", () => {
    expect(purchaseDateProblem(today, { today, manufacturedOn: null })).toBeNull();
    expect(purchaseDateProblem(addDays(today, 1), { today, manufacturedOn: null })).toBe(
      "registration.purchase_date_future",
    );
  });

  it("accepts the day the unit was made, and refuses the day before", () => {
    const made = "2024-02-01";
    expect(purchaseDateProblem(calendarDate(made), { today, manufacturedOn: made })).toBeNull();
    expect(purchaseDateProblem(calendarDate("2024-01-31"), { today, manufacturedOn: made })).toBe(
      "registration.purchase_date_before_manufacture",
    );
  });

  it("accepts exactly the days from manufacture to today", () => {
    const made = calendarDate("2026-01-01");
    fc.assert(
      fc.property(fc.integer({ min: -400, max: 800 }), (offset) => {
        const date = addDays(made, offset);
        const problem = purchaseDateProblem(date, { today, manufacturedOn: made });
        const inside = date >= made && date <= today;
        return inside ? problem === null : problem !== null;
      }),
    );
  });
});
