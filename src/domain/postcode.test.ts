import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { COUNTRIES } from "./country.ts";
import { normalizePostcode, postcodeDigits } from "./postcode.ts";

describe("postcodes per country", () => {
  it("accepts Norway's four digits and refuses anything else", () => {
    expect(normalizePostcode("NO", "0155")).toBe("0155");
    expect(normalizePostcode("NO", " 5003 ")).toBe("5003");
    expect(normalizePostcode("NO", "NO-7010")).toBe("7010");
    for (const typed of ["12", "ABCD", "01555", "015", "", "01 5", "0155a", "-155"]) {
      expect(normalizePostcode("NO", typed), typed).toBeNull();
    }
  });

  it("writes Swedish postcodes with the space the Swedish post uses", () => {
    expect(normalizePostcode("SE", "11122")).toBe("111 22");
    expect(normalizePostcode("SE", "111 22")).toBe("111 22");
    expect(normalizePostcode("SE", "SE-111 22")).toBe("111 22");
    expect(normalizePostcode("SE", "1112")).toBeNull();
  });

  it("knows Denmark's four digits and Finland's five", () => {
    expect(normalizePostcode("DK", "2100")).toBe("2100");
    expect(normalizePostcode("DK", "21000")).toBeNull();
    expect(normalizePostcode("FI", "00100")).toBe("00100");
    expect(normalizePostcode("FI", "0010")).toBeNull();
  });

  it("accepts exactly the strings of the country's number of digits, and gives back a fixed point", () => {
    fc.assert(
      fc.property(fc.constantFrom(...COUNTRIES), fc.string({ maxLength: 8 }), (country, typed) => {
        const normal = normalizePostcode(country, typed);
        if (normal === null) return;
        expect(normal.replace(" ", "")).toMatch(new RegExp(`^[0-9]{${postcodeDigits(country)}}$`));
        expect(normalizePostcode(country, normal)).toBe(normal);
      }),
    );
  });
});
