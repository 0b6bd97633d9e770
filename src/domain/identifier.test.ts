import fc from "fast-check";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  type IdentifierInterpretation,
  type IdentifierProblem,
  type IdentifierProblemCode,
  interpretIdentifier,
  maskIdentifier,
  normalizeIdentifier,
  suggestLookAlikeFixes,
} from "./identifier.ts";
import type { IdentifierRule } from "./identifier-rules.ts";
import { completeImei } from "./imei.ts";
import { encodeSerial } from "./serial-scheme.ts";

const IMEI = "260531793113837";
const PHONE_SERIAL = "PK3N312345A";
const TV_SERIAL = "TV55A2XUC000042";
const RULES: (IdentifierRule | undefined)[] = [undefined, "imei-or-serial11", "serial11", "serial15"];

describe("normalizeIdentifier", () => {
  it("trims and removes spaces, hyphens, dots, slashes and underscores", () => {
    expect(normalizeIdentifier("  35-20.99/00_17\\61 48 1\t")).toBe("352099001761481");
  });

  it("upper-cases lower-case letters", () => {
    expect(normalizeIdentifier("pk3n312345a")).toBe("PK3N312345A");
  });

  it("removes the dashes, non-breaking and zero-width spaces that come with pasted text", () => {
    expect(normalizeIdentifier("PK3\u2013N31\u00A02345\u200BA\u00AD")).toBe("PK3N312345A");
  });

  it("turns full-width digits and letters into plain ones", () => {
    expect(normalizeIdentifier("２６０５３１７９ｐｋ")).toBe("26053179PK");
  });

  it("does not turn non-Latin letters into Latin ones", () => {
    expect(normalizeIdentifier("ıß")).toBe("ıß");
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(
        fc.string(),
        (raw) => normalizeIdentifier(normalizeIdentifier(raw)) === normalizeIdentifier(raw),
      ),
    );
  });
});

describe("interpretIdentifier", () => {
  describe("an IMEI", () => {
    it("is read from 15 digits with a valid check digit", () => {
      expect(interpretIdentifier(IMEI)).toEqual({ kind: "imei", value: IMEI, tac: "26053179" });
    });

    it.each(["26053179 311383 7", "26-053179-311383-7", " 260531/793113837 ", "26.053179.311383.7"])(
      "is read through the separators in %j",
      (raw) => {
        expect(interpretIdentifier(raw)).toEqual({ kind: "imei", value: IMEI, tac: "26053179" });
      },
    );

    it("is accepted for a product type that takes an IMEI", () => {
      expect(interpretIdentifier(IMEI, "imei-or-serial11")).toMatchObject({ kind: "imei", value: IMEI });
    });

    it("is read from every body completed with its check digit", () => {
      fc.assert(
        fc.property(
          fc.stringMatching(/^\d{14}$/),
          (body) => interpretIdentifier(completeImei(body)).kind === "imei",
        ),
      );
    });
  });

  describe("a serial", () => {
    it("is read from 11 characters with a letter, lower case and hyphens included", () => {
      expect(interpretIdentifier("pk3n-3123-45a")).toEqual({
        kind: "serial",
        value: PHONE_SERIAL,
        length: 11,
        lookAlikeKey: PHONE_SERIAL,
      });
    });

    it("is read from 15 characters with a letter", () => {
      expect(interpretIdentifier("tv55a2x uc000042")).toEqual({
        kind: "serial",
        value: TV_SERIAL,
        length: 15,
        lookAlikeKey: TV_SERIAL,
      });
    });

    it("carries the look-alike key used to find the unit that was meant", () => {
      expect(interpretIdentifier("PK3NBI2O45S")).toMatchObject({
        kind: "serial",
        lookAlikeKey: "PK3N8120455",
      });
    });

    it.each<[IdentifierRule, string, 11 | 15]>([
      ["imei-or-serial11", PHONE_SERIAL, 11],
      ["serial11", PHONE_SERIAL, 11],
      ["serial15", TV_SERIAL, 15],
    ])("of the right length is accepted for %s", (rule, serial, length) => {
      expect(interpretIdentifier(serial, rule)).toMatchObject({ kind: "serial", value: serial, length });
    });

    it("does not have to follow our scheme, since partner factories have their own", () => {
      expect(interpretIdentifier("00000000000X")).toMatchObject({ code: "identifier.length" });
      expect(interpretIdentifier("0000000000X")).toMatchObject({ kind: "serial", value: "0000000000X" });
    });

    it("is read from every serial of our scheme, for the product type it belongs to", () => {
      fc.assert(
        fc.property(
          fc.stringMatching(/^[A-Z0-9]{6}$/),
          fc.integer({ min: 2010, max: 2100 }),
          fc.integer({ min: 1, max: 12 }),
          (sequence, year, month) => {
            const short = encodeSerial({ length: 11, family: "P", factory: "K3", year, month, sequence });
            const long = encodeSerial({ length: 15, lineCode: "TV55A2X", year, month, sequence });
            return (
              interpretIdentifier(short, "imei-or-serial11").kind === "serial" &&
              interpretIdentifier(short, "serial11").kind === "serial" &&
              interpretIdentifier(long, "serial15").kind === "serial" &&
              interpretIdentifier(long).kind === "serial"
            );
          },
        ),
      );
    });
  });

  describe("a GTIN candidate", () => {
    it.each(["96385074", "036000291452", "5901234123457"])(
      "is what %s with a valid GS1 check digit is taken for",
      (gtin) => {
        expect(interpretIdentifier(gtin)).toEqual({
          kind: "gtin-candidate",
          value: gtin,
          gtin14: gtin.padStart(14, "0"),
          mayBeImeiMissingLastDigit: false,
        });
      },
    );

    it("of 14 digits may also be an IMEI missing its last digit", () => {
      expect(interpretIdentifier("00012345600012")).toEqual({
        kind: "gtin-candidate",
        value: "00012345600012",
        gtin14: "00012345600012",
        mayBeImeiMissingLastDigit: true,
      });
      expect(interpretIdentifier("00012345600012", "imei-or-serial11")).toMatchObject({
        mayBeImeiMissingLastDigit: true,
      });
    });

    it("is what an IMEI missing its last digit is taken for when the 14 digits happen to pass GS1", () => {
      expect(interpretIdentifier("26053179 311383", "imei-or-serial11")).toEqual({
        kind: "gtin-candidate",
        value: "26053179311383",
        gtin14: "26053179311383",
        mayBeImeiMissingLastDigit: true,
      });
    });

    it("of 14 digits is not flagged as a short IMEI for a product type without one", () => {
      expect(interpretIdentifier("00012345600012", "serial15")).toMatchObject({
        kind: "gtin-candidate",
        mayBeImeiMissingLastDigit: false,
      });
    });

    it("is reported whatever the product type, so the form can say the box code is not the serial", () => {
      expect(interpretIdentifier("5901234123457", "serial15")).toMatchObject({ kind: "gtin-candidate" });
    });
  });

  describe("the problem", () => {
    it.each(["", "   ", " - . / _ "])("identifier.empty is reported for %j", (raw) => {
      expect(interpretIdentifier(raw)).toEqual({ kind: "problem", code: "identifier.empty" });
    });

    it("identifier.charset names each character that is not a letter or digit once", () => {
      expect(interpretIdentifier("35+20#99+00176148")).toEqual({
        kind: "problem",
        code: "identifier.charset",
        typed: "35+20#99+00176148",
        characters: ["+", "#"],
      });
    });

    it.each([
      ["Æ", "PK3N3123Æ5A"],
      ["ø", "pk3n3123ø5a"],
      [":", "IMEI:260531793113837"],
      ["ı", "pk3nı12345a"],
    ])("identifier.charset names %s", (character, raw) => {
      expect(interpretIdentifier(raw)).toMatchObject({ code: "identifier.charset", characters: [character] });
    });

    it("identifier.check_digit is reported for 15 digits that fail, without revealing the right digit", () => {
      expect(interpretIdentifier("260531793113830")).toEqual({
        kind: "problem",
        code: "identifier.check_digit",
        typed: "260531793113830",
      });
      expect(interpretIdentifier("2605 3179 3113 830", "imei-or-serial11")).toMatchObject({
        code: "identifier.check_digit",
      });
    });

    it("identifier.imeisv is reported for 16 digits", () => {
      expect(interpretIdentifier("2605317931138301")).toEqual({
        kind: "problem",
        code: "identifier.imeisv",
        typed: "2605317931138301",
      });
      expect(interpretIdentifier("26053179 311383 01", "imei-or-serial11")).toMatchObject({
        code: "identifier.imeisv",
      });
    });

    it("identifier.kind_mismatch is reported for an IMEI typed for a TV", () => {
      expect(interpretIdentifier(IMEI, "serial15")).toEqual({
        kind: "problem",
        code: "identifier.kind_mismatch",
        typed: IMEI,
        typedKind: "imei",
        expected: "serial15",
        expectedLengths: [15],
      });
    });

    it("identifier.kind_mismatch is reported for an IMEI typed for a tablet without a modem", () => {
      expect(interpretIdentifier(IMEI, "serial11")).toMatchObject({
        code: "identifier.kind_mismatch",
        typedKind: "imei",
        expected: "serial11",
        expectedLengths: [11],
      });
    });

    it("identifier.kind_mismatch is reported for 15 digits that fail the check, since a TV serial has letters", () => {
      expect(interpretIdentifier("260531793113830", "serial15")).toMatchObject({
        code: "identifier.kind_mismatch",
        typedKind: "imei",
      });
    });

    it("identifier.kind_mismatch is reported for an IMEISV typed for a TV", () => {
      expect(interpretIdentifier("2605317931138301", "serial15")).toMatchObject({
        code: "identifier.kind_mismatch",
        typedKind: "imeisv",
        expected: "serial15",
      });
    });

    it.each<[string, string, IdentifierRule | undefined, number[]]>([
      ["10 characters", "PK3N312345", undefined, [11, 15]],
      ["12 characters", "PK3N312345AB", undefined, [11, 15]],
      ["17 digits", "26053179311383701", undefined, [11, 15]],
      ["14 digits that are no GTIN", "26053179311380", undefined, [11, 15]],
      ["14 digits that are no GTIN, for a phone", "26053179311380", "imei-or-serial11", [15, 11]],
      ["11 characters for a TV", PHONE_SERIAL, "serial15", [15]],
      ["11 digits for a TV", "12345678901", "serial15", [15]],
      ["15 characters for a tablet", TV_SERIAL, "serial11", [11]],
      ["a 15-character serial for a phone", TV_SERIAL, "imei-or-serial11", [15, 11]],
    ])("identifier.length is reported for %s", (_reason, raw, expected, expectedLengths) => {
      const typed = normalizeIdentifier(raw);
      expect(interpretIdentifier(raw, expected)).toEqual({
        kind: "problem",
        code: "identifier.length",
        typed,
        typedLength: typed.length,
        expectedLengths,
        ...(expected === undefined ? {} : { expected }),
      });
    });

    it.each<IdentifierRule | undefined>([undefined, "imei-or-serial11", "serial11"])(
      "identifier.no_letter is reported for 11 digits when %s takes an 11-character serial",
      (expected) => {
        expect(interpretIdentifier("1234-5678-901", expected)).toEqual({
          kind: "problem",
          code: "identifier.no_letter",
          typed: "12345678901",
          typedLength: 11,
        });
      },
    );

    it("identifier.look_alike offers the IMEI an O was typed into", () => {
      expect(interpretIdentifier("26o53179 3113837")).toEqual({
        kind: "problem",
        code: "identifier.look_alike",
        typed: "26O531793113837",
        suggestion: IMEI,
        fixes: [{ position: 3, typed: "O", suggested: "0" }],
      });
    });

    it("identifier.look_alike lists every look-alike letter in an IMEI typed for a phone", () => {
      expect(interpretIdentifier("26O53I7931I3837", "imei-or-serial11")).toMatchObject({
        code: "identifier.look_alike",
        suggestion: IMEI,
        fixes: [
          { position: 3, typed: "O", suggested: "0" },
          { position: 6, typed: "I", suggested: "1" },
          { position: 11, typed: "I", suggested: "1" },
        ],
      });
    });

    it("identifier.look_alike is not raised when folding does not give a valid IMEI", () => {
      expect(interpretIdentifier("26O531793113830")).toMatchObject({ kind: "serial" });
      expect(interpretIdentifier("26O531793113830", "imei-or-serial11")).toMatchObject({
        code: "identifier.length",
      });
    });

    it("identifier.look_alike is not raised for a TV, whose 15 characters are a serial", () => {
      expect(interpretIdentifier("26O531793113837", "serial15")).toMatchObject({ kind: "serial" });
    });
  });

  it("names every problem it can give in IdentifierProblemCode, and nothing else", () => {
    expectTypeOf<IdentifierProblem["code"]>().toEqualTypeOf<IdentifierProblemCode>();
  });

  it("gives exactly one known outcome for anything typed, and never throws", () => {
    const codes: IdentifierProblemCode[] = [
      "identifier.empty",
      "identifier.charset",
      "identifier.check_digit",
      "identifier.imeisv",
      "identifier.length",
      "identifier.no_letter",
      "identifier.look_alike",
      "identifier.kind_mismatch",
    ];
    const typed = fc.oneof(
      fc.string(),
      fc.string({ unit: fc.constantFrom(..."0123456789ABCOSIBZabcos -./_") }),
      fc.stringMatching(/^\d{8,16}$/),
    );
    fc.assert(
      fc.property(typed, fc.constantFrom(...RULES), (raw, rule) => {
        const result: IdentifierInterpretation = interpretIdentifier(raw, rule);
        return result.kind === "problem"
          ? codes.includes(result.code)
          : result.value === normalizeIdentifier(raw);
      }),
    );
  });

  it("gives the same outcome whatever separators and case the owner used", () => {
    const value = fc.oneof(
      fc.stringMatching(/^\d{15}$/),
      fc.stringMatching(/^[A-Z0-9]{11}$/),
      fc.stringMatching(/^[A-Z0-9]{15}$/),
    );
    fc.assert(
      fc.property(
        value,
        fc.infiniteStream(fc.constantFrom("", "", " ", "-", ".")),
        fc.constantFrom(...RULES),
        (v, gaps, rule) => {
          const messy = Array.from(v.toLowerCase(), (c) => `${c}${gaps.next().value}`).join("");
          expect(interpretIdentifier(messy, rule)).toEqual(interpretIdentifier(v, rule));
        },
      ),
    );
  });
});

describe("maskIdentifier", () => {
  it("shows the first 3 and last 4 characters of an IMEI", () => {
    expect(maskIdentifier(IMEI)).toBe("260••••••••3837");
  });

  it("shows the first 3 and last 4 characters of an 11-character serial", () => {
    expect(maskIdentifier(PHONE_SERIAL)).toBe("PK3••••345A");
  });

  it("masks one character of an 8-character value", () => {
    expect(maskIdentifier("96385074")).toBe("963•5074");
  });

  it.each(["", "1234", "1234567"])("masks all of the short value %j", (value) => {
    expect(maskIdentifier(value)).toBe("•".repeat(value.length));
  });

  it("keeps the length and never shows more than 7 characters", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z0-9]{0,20}$/), (value) => {
        const masked = maskIdentifier(value);
        const shown = masked.replaceAll("•", "").length;
        return masked.length === value.length && shown <= 7 && shown < Math.max(1, value.length);
      }),
    );
  });
});

describe("suggestLookAlikeFixes", () => {
  it("points at the one character that differs", () => {
    expect(suggestLookAlikeFixes("PK3N3I2345A", PHONE_SERIAL)).toEqual([
      { position: 6, typed: "I", suggested: "1" },
    ]);
  });

  it("points at every character that differs, in order", () => {
    expect(suggestLookAlikeFixes("PK3N312345A", "PK3N3I2S45A")).toEqual([
      { position: 6, typed: "1", suggested: "I" },
      { position: 8, typed: "3", suggested: "S" },
    ]);
  });

  it("finds nothing to fix in a value equal to the candidate", () => {
    expect(suggestLookAlikeFixes(PHONE_SERIAL, PHONE_SERIAL)).toEqual([]);
  });

  it("counts positions in the normalized value, so spaces and case do not shift them", () => {
    expect(suggestLookAlikeFixes("pk3 n3o-2345a", "PK3N302345A")).toEqual([
      { position: 6, typed: "O", suggested: "0" },
    ]);
  });

  it("refuses a candidate of another length", () => {
    expect(() => suggestLookAlikeFixes(PHONE_SERIAL, TV_SERIAL)).toThrow(RangeError);
  });
});
