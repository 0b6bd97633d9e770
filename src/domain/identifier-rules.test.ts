import fc from "fast-check";
import { describe, expect, expectTypeOf, it } from "vitest";
import { interpretIdentifier } from "./identifier.ts";
import {
  IDENTIFIER_RULE_NAMES,
  IDENTIFIER_RULES,
  type IdentifierRule,
  IMEI_LENGTH,
  identifierLengths,
  isIdentifierRule,
  serialLengthFits,
  serialLengths,
  takesImei,
  UNRULED_SERIAL_LENGTHS,
} from "./identifier-rules.ts";
import { completeImei } from "./imei.ts";
import { encodeSerial, type SerialLength, type SerialParts } from "./serial-scheme.ts";

const RULES: (IdentifierRule | undefined)[] = [undefined, ...IDENTIFIER_RULE_NAMES];

/** A serial-shaped value: letters and digits with a year letter (never a look-alike) in it. */
const serialShaped = (length: number) =>
  fc
    .array(fc.constantFrom(..."ACDEFGHJKLMNPRTUVWXY0123456789"), {
      minLength: length - 1,
      maxLength: length - 1,
    })
    .chain((rest) => fc.nat({ max: rest.length }).map((at) => [...rest.slice(0, at), "A", ...rest.slice(at)]))
    .map((characters) => characters.join(""));

describe("the identifier rules", () => {
  it("name the three rules the catalogue uses", () => {
    expect(IDENTIFIER_RULE_NAMES).toEqual(["imei-or-serial11", "serial11", "serial15"]);
    expect(IDENTIFIER_RULE_NAMES.every(isIdentifierRule)).toBe(true);
    expect(isIdentifierRule("serial12")).toBe(false);
    expect(isIdentifierRule("toString")).toBe(false);
  });

  it.each<[IdentifierRule | undefined, number[]]>([
    ["imei-or-serial11", [15, 11]],
    ["serial11", [11]],
    ["serial15", [15]],
    [undefined, [11, 15]],
  ])("accept the lengths %s → %j in the field", (rule, lengths) => {
    expect(identifierLengths(rule)).toEqual(lengths);
  });

  it("take an IMEI for phones, and when no product type is chosen", () => {
    expect(RULES.map((rule) => takesImei(rule))).toEqual([true, true, false, false]);
  });

  it("let a category without a rule keep any serial of 6 to 20 characters in the registry", () => {
    const fits = Array.from({ length: 25 }, (_, length) => serialLengthFits(length, null));
    expect(fits.indexOf(true)).toBe(UNRULED_SERIAL_LENGTHS.min);
    expect(fits.lastIndexOf(true)).toBe(UNRULED_SERIAL_LENGTHS.max);
  });

  it("have a layout of the serial scheme for every serial length they accept", () => {
    expectTypeOf<SerialParts["length"]>().toEqualTypeOf<SerialLength>();
    const parts: Record<SerialLength, SerialParts> = {
      11: { length: 11, family: "P", factory: "K3", year: 2021, month: 3, sequence: "12345A" },
      15: { length: 15, lineCode: "TV55A2X", year: 2025, month: 12, sequence: "000042" },
    };
    for (const length of serialLengths() as SerialLength[]) {
      expect(encodeSerial(parts[length])).toHaveLength(length);
    }
  });

  it("are what interpretIdentifier checks: a serial is read at every length its rule accepts, and no other", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...RULES),
        fc.integer({ min: 1, max: 24 }).chain((length) => serialShaped(length)),
        (rule, value) => {
          const reading = interpretIdentifier(value, rule);
          if (serialLengths(rule).includes(value.length)) {
            expect(reading).toMatchObject({ kind: "serial", value, length: value.length });
          } else {
            expect(reading).toMatchObject({
              kind: "problem",
              code: "identifier.length",
              typedLength: value.length,
              expectedLengths: identifierLengths(rule),
            });
          }
        },
      ),
    );
  });

  it("are what interpretIdentifier checks: an IMEI is read only for a rule that takes one", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...RULES),
        fc.stringMatching(new RegExp(`^\\d{${IMEI_LENGTH - 1}}$`)).map(completeImei),
        (rule, imei) => {
          const reading = interpretIdentifier(imei, rule);
          if (takesImei(rule)) {
            expect(reading).toMatchObject({ kind: "imei", value: imei });
          } else {
            expect(reading).toMatchObject({
              kind: "problem",
              code: "identifier.kind_mismatch",
              expectedLengths: identifierLengths(rule),
            });
          }
        },
      ),
    );
  });

  it("accept each length in the field that a serial or an IMEI of the rule has", () => {
    for (const rule of RULES) {
      const expected = new Set([...serialLengths(rule), ...(takesImei(rule) ? [IMEI_LENGTH] : [])]);
      expect(new Set(identifierLengths(rule)), String(rule)).toEqual(expected);
    }
    expect(Object.keys(IDENTIFIER_RULES)).toEqual(IDENTIFIER_RULE_NAMES);
  });
});
