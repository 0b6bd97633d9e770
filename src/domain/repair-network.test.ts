import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { calendarDate } from "./calendar-date.ts";
import { parsePostcodeRange, postcodeInRange } from "./repair-channel.ts";
import { formatRepairNumber, normalizeRepairNumber } from "./repair-number.ts";
import { provisionalVerdict, repairWarrantyEnd } from "./repair-verdict.ts";

describe("postcode ranges", () => {
  it("reads a range and a single postcode, and refuses what is neither", () => {
    expect(parsePostcodeRange("0001-1299")).toEqual({ from: "0001", to: "1299" });
    expect(parsePostcodeRange(" 9170 ")).toEqual({ from: "9170", to: "9170" });
    for (const bad of ["1299-0001", "150", "0001-1299-2000", "abcd", "", "0001-"])
      expect(parsePostcodeRange(bad), bad).toBeNull();
  });

  it("holds exactly the postcodes between its ends", () => {
    const range = { from: "0001", to: "1299" };
    expect(postcodeInRange("0150", range)).toBe(true);
    expect(postcodeInRange("1299", range)).toBe(true);
    expect(postcodeInRange("1300", range)).toBe(false);
  });
});

describe("repair numbers", () => {
  it("are eight characters of base 32 after their kind, and read back as typed", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 5, maxLength: 5 }), (bytes) => {
        const number = formatRepairNumber("RQ", bytes);
        expect(number).toMatch(/^RQ-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
        expect(normalizeRepairNumber(number.toLowerCase().replaceAll("-", " "))).toBe(number);
      }),
    );
  });

  it("read O as 0 and I or L as 1, and refuse what cannot be a number", () => {
    expect(normalizeRepairNumber("rj-ooil-0000")).toBe("RJ-0011-0000");
    for (const bad of ["RQ-1234", "XX-1234-5678", "RQ-1234-567U", ""])
      expect(normalizeRepairNumber(bad)).toBeNull();
  });
});

describe("the provisional verdict", () => {
  it("says who pays from the periods that still run", () => {
    expect(provisionalVerdict({ manufacturer: { status: "active" }, statutory: { status: "active" } })).toBe(
      "manufacturer",
    );
    expect(provisionalVerdict({ manufacturer: { status: "ends-soon" }, statutory: null })).toBe(
      "manufacturer",
    );
    expect(provisionalVerdict({ manufacturer: { status: "ended" }, statutory: { status: "active" } })).toBe(
      "statutory",
    );
    expect(provisionalVerdict({ manufacturer: { status: "ended" }, statutory: { status: "ended" } })).toBe(
      "not-covered",
    );
    expect(provisionalVerdict({ manufacturer: null, statutory: null })).toBe("unknown");
    // A unit made last month: its estimated warranty starts when it would have been sold.
    expect(provisionalVerdict({ manufacturer: { status: "not-started" }, statutory: null })).toBe(
      "manufacturer",
    );
  });
});

describe("the repair warranty", () => {
  it("runs the category's months from the repair, as the manufacturer's warranty counts them", () => {
    expect(repairWarrantyEnd(calendarDate("2026-03-10"), 6)).toBe("2026-09-10");
    expect(repairWarrantyEnd(calendarDate("2026-08-31"), 6)).toBe("2027-02-28");
    expect(repairWarrantyEnd(calendarDate("2026-03-10"), 0)).toBe("2026-03-10");
  });
});
