import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GTIN_LENGTHS, gtinCheckDigit, isValidGtin, toGtin14 } from "./gtin.ts";

const digits = (length: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((d) => d.join(""));
const validGtin = fc
  .constantFrom(...GTIN_LENGTHS)
  .chain((length) => digits(length - 1))
  .map((body) => `${body}${gtinCheckDigit(body)}`);

describe("gtinCheckDigit", () => {
  it.each([
    ["GTIN-8", "9638507", 4],
    ["GTIN-12 (UPC-A)", "03600029145", 2],
    ["GTIN-13 (EAN)", "590123412345", 7],
    ["GTIN-14", "0001234560001", 2],
  ])("computes the published check digit of a %s", (_name, body, check) => {
    expect(gtinCheckDigit(body)).toBe(check);
  });

  it("gives the same check digit to a body padded with leading zeros", () => {
    fc.assert(fc.property(digits(12), (body) => gtinCheckDigit(body) === gtinCheckDigit(`0${body}`)));
  });

  it.each(["", "123456", "12345678", "1234567890", "12345678901234", "59012341234X"])(
    "refuses the body %j",
    (body) => {
      expect(() => gtinCheckDigit(body)).toThrow(RangeError);
    },
  );
});

describe("isValidGtin", () => {
  it.each(["96385074", "036000291452", "5901234123457", "00012345600012"])("accepts %s", (gtin) => {
    expect(isValidGtin(gtin)).toBe(true);
  });

  it.each([
    ["a wrong check digit", "5901234123458"],
    ["a length GS1 does not use", "59012341234"],
    ["15 digits", "260531793113837"],
    ["a letter", "590123412345A"],
    ["spaces", "590 1234 12345 7"],
    ["nothing", ""],
  ])("refuses %s", (_reason, value) => {
    expect(isValidGtin(value)).toBe(false);
  });

  it("accepts every body completed with its check digit", () => {
    fc.assert(fc.property(validGtin, isValidGtin));
  });

  it("refuses a valid GTIN with any one digit changed", () => {
    fc.assert(
      fc.property(validGtin, fc.nat(), fc.integer({ min: 1, max: 9 }), (gtin, at, shift) => {
        const index = at % gtin.length;
        const changed = (Number(gtin[index]) + shift) % 10;
        return !isValidGtin(`${gtin.slice(0, index)}${changed}${gtin.slice(index + 1)}`);
      }),
    );
  });
});

describe("toGtin14", () => {
  it("pads an EAN-13 with one zero", () => {
    expect(toGtin14("5901234123457")).toBe("05901234123457");
  });

  it("pads a GTIN-8 with six zeros", () => {
    expect(toGtin14("96385074")).toBe("00000096385074");
  });

  it("always gives a valid 14-digit GTIN that ends like the original", () => {
    fc.assert(
      fc.property(validGtin, (gtin) => {
        const wide = toGtin14(gtin);
        return wide.length === 14 && isValidGtin(wide) && wide.endsWith(gtin);
      }),
    );
  });

  it("refuses an invalid GTIN instead of padding it", () => {
    expect(() => toGtin14("5901234123458")).toThrow(RangeError);
  });
});
