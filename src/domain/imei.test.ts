import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { completeImei, imeiCheckDigit, isValidImei, tac } from "./imei.ts";

const body = fc
  .array(fc.integer({ min: 0, max: 9 }), { minLength: 14, maxLength: 14 })
  .map((d) => d.join(""));

describe("imeiCheckDigit", () => {
  it("computes 7 for the worked example of 3GPP TS 23.003 Annex B", () => {
    expect(imeiCheckDigit("26053179311383")).toBe(7);
  });

  it.each(["", "2605317931138", "260531793113837", "2605317931138A", "26053179 11383"])(
    "refuses the body %j",
    (value) => {
      expect(() => imeiCheckDigit(value)).toThrow(RangeError);
    },
  );
});

describe("isValidImei", () => {
  it("accepts the worked example with its check digit", () => {
    expect(isValidImei("260531793113837")).toBe(true);
  });

  it.each([
    ["a wrong check digit", "260531793113830"],
    ["14 digits", "26053179311383"],
    ["16 digits (an IMEISV)", "2605317931138301"],
    ["a letter", "26O531793113837"],
    ["nothing", ""],
  ])("refuses %s", (_reason, value) => {
    expect(isValidImei(value)).toBe(false);
  });

  it("refuses an IMEI with any one digit changed", () => {
    fc.assert(
      fc.property(
        body,
        fc.integer({ min: 0, max: 14 }),
        fc.integer({ min: 1, max: 9 }),
        (digits, at, shift) => {
          const imei = completeImei(digits);
          const changed = (Number(imei[at]) + shift) % 10;
          return !isValidImei(`${imei.slice(0, at)}${changed}${imei.slice(at + 1)}`);
        },
      ),
    );
  });
});

describe("completeImei", () => {
  it("appends the check digit to the worked example", () => {
    expect(completeImei("26053179311383")).toBe("260531793113837");
  });

  it("always makes an IMEI that validates and starts with the body", () => {
    fc.assert(
      fc.property(body, (digits) => {
        const imei = completeImei(digits);
        return isValidImei(imei) && imei.startsWith(digits);
      }),
    );
  });
});

describe("tac", () => {
  it("is the first 8 digits", () => {
    expect(tac("260531793113837")).toBe("26053179");
  });

  it("refuses anything that is not 15 digits", () => {
    expect(() => tac("26053179311383")).toThrow(RangeError);
  });
});
