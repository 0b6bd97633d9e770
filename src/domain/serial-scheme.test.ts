import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LOOK_ALIKE_FOLDS, lookAlikeKey } from "./look-alike.ts";
import {
  decodeSerial,
  encodeSerial,
  MONTH_CHARACTERS,
  SERIAL_EPOCH_YEAR,
  type SerialParts,
  YEAR_LETTERS,
} from "./serial-scheme.ts";

const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".split("");
const CHARACTERS = [...UPPER, ..."0123456789"];
const chars = (length: number) =>
  fc.array(fc.constantFrom(...CHARACTERS), { minLength: length, maxLength: length }).map((c) => c.join(""));
const year = fc.integer({ min: SERIAL_EPOCH_YEAR, max: 2200 });
const month = fc.integer({ min: 1, max: 12 });
const parts: fc.Arbitrary<SerialParts> = fc.oneof(
  fc.record({
    length: fc.constant(11 as const),
    family: fc.constantFrom(...UPPER),
    factory: chars(2),
    year,
    month,
    sequence: chars(6),
  }),
  fc.record({ length: fc.constant(15 as const), lineCode: chars(7), year, month, sequence: chars(6) }),
);

const phone = { length: 11, family: "P", factory: "K3", year: 2021, month: 3, sequence: "12345A" } as const;
const tv = { length: 15, lineCode: "TV55A2X", year: 2025, month: 12, sequence: "000042" } as const;

describe("the year letters", () => {
  it("are twenty distinct capital letters", () => {
    expect(new Set(YEAR_LETTERS).size).toBe(20);
    expect(YEAR_LETTERS).toMatch(/^[A-Z]{20}$/);
  });

  it("leave out every look-alike letter and Q", () => {
    for (const letter of [...Object.keys(LOOK_ALIKE_FOLDS), "Q"]) {
      expect(YEAR_LETTERS).not.toContain(letter);
    }
  });

  it.each([
    [2010, "A"],
    [2019, "L"],
    [2020, "M"],
    [2024, "T"],
    [2025, "U"],
    [2026, "V"],
    [2029, "Y"],
    [2030, "A"],
  ])("give %i the letter %s", (y, letter) => {
    expect(encodeSerial({ ...phone, year: y })[3]).toBe(letter);
  });
});

describe("encodeSerial", () => {
  it("lays out an 11-character serial: family, factory, year, month, sequence", () => {
    expect(encodeSerial(phone)).toBe("PK3N312345A");
  });

  it("lays out a 15-character serial: line code, year, month, sequence", () => {
    expect(encodeSerial(tv)).toBe("TV55A2XUC000042");
  });

  it.each([
    [1, "1"],
    [9, "9"],
    [10, "A"],
    [11, "B"],
    [12, "C"],
  ])("writes month %i as %s", (m, character) => {
    expect(encodeSerial({ ...phone, month: m })[4]).toBe(character);
    expect(encodeSerial({ ...tv, month: m })[8]).toBe(character);
  });

  it.each<[string, SerialParts]>([
    ["a year before the scheme began", { ...phone, year: 2009 }],
    ["a year past 9999", { ...phone, year: 10000 }],
    ["a fractional year", { ...phone, year: 2020.5 }],
    ["month 0", { ...phone, month: 0 }],
    ["month 13", { ...phone, month: 13 }],
    ["a 5-character sequence", { ...phone, sequence: "12345" }],
    ["a lower-case sequence", { ...phone, sequence: "12345a" }],
    ["a digit as family", { ...phone, family: "9" }],
    ["a two-letter family", { ...phone, family: "PP" }],
    ["a 3-character factory", { ...phone, factory: "K3X" }],
    ["a 6-character line code", { ...tv, lineCode: "TV55A2" }],
    ["a line code with a hyphen", { ...tv, lineCode: "TV-55A2" }],
    ["another length", { ...tv, length: 13 } as unknown as SerialParts],
  ])("refuses %s", (_reason, invalid) => {
    expect(() => encodeSerial(invalid)).toThrow(RangeError);
  });

  it("always makes a serial of the asked length with a letter no one can read as a digit", () => {
    fc.assert(
      fc.property(parts, (p) => {
        const serial = encodeSerial(p);
        return serial.length === p.length && !/^\d+$/.test(lookAlikeKey(serial));
      }),
    );
  });
});

describe("decodeSerial", () => {
  it("reads an 11-character serial", () => {
    expect(decodeSerial("PK3N312345A", { modelYear: 2021 })).toEqual({
      ...phone,
      manufacturedOn: "2021-03-01",
    });
  });

  it("reads a 15-character serial", () => {
    expect(decodeSerial("TV55A2XUC000042", { modelYear: 2026 })).toEqual({
      ...tv,
      manufacturedOn: "2025-12-01",
    });
  });

  it.each([..."123456789ABC"].map((character, index) => [character, index + 1] as const))(
    "reads the month character %s as month %i",
    (character, m) => {
      expect(decodeSerial(`PK3N${character}12345A`, { modelYear: 2021 })?.month).toBe(m);
      expect(decodeSerial(`TV55A2XU${character}000042`, { modelYear: 2025 })?.month).toBe(m);
    },
  );

  it("has exactly twelve month characters", () => {
    expect(MONTH_CHARACTERS).toHaveLength(12);
  });

  it("gives back the year, month and fields it was encoded from, given the model year", () => {
    fc.assert(
      fc.property(parts, fc.integer({ min: -2, max: 5 }), (p, offset) => {
        const decoded = decodeSerial(encodeSerial(p), { modelYear: p.year + offset });
        expect(decoded).toEqual({
          ...p,
          manufacturedOn: `${p.year}-${String(p.month).padStart(2, "0")}-01`,
        });
      }),
    );
  });

  it("gives back the year without a model year when decoded within twenty years of making", () => {
    fc.assert(
      fc.property(parts, fc.integer({ min: 0, max: 20 * 12 - 1 }), (p, monthsLater) => {
        const today = new Date(Date.UTC(p.year, p.month - 1 + monthsLater, 15));
        const decoded = decodeSerial(encodeSerial(p), { today });
        return decoded?.year === p.year && decoded.month === p.month;
      }),
    );
  });

  describe("picks the cycle of a repeating year letter", () => {
    // "A" in March: 2010, 2030, 2050, ...
    const serial = "PK3A312345A";

    it.each([
      [2011, 2010],
      [2019, 2010],
      [2029, 2030],
      [2032, 2030],
      [2049, 2050],
      [1995, 2010],
    ])("from model year %i as %i", (modelYear, expected) => {
      expect(decodeSerial(serial, { modelYear })?.year).toBe(expected);
    });

    it("takes the later cycle when the model year lies halfway between two", () => {
      expect(decodeSerial(serial, { modelYear: 2020 })?.year).toBe(2030);
    });

    it("lets the model year win over today", () => {
      expect(decodeSerial(serial, { modelYear: 2031, today: new Date("2012-01-01") })?.year).toBe(2030);
    });

    it("without a model year takes the latest cycle that is not in the future", () => {
      expect(decodeSerial(serial, { today: new Date("2045-06-01") })?.year).toBe(2030);
      expect(decodeSerial(serial, { today: new Date("2030-03-01") })?.year).toBe(2030);
      expect(decodeSerial(serial, { today: new Date("2030-02-28") })?.year).toBe(2010);
    });

    it("without a model year finds nothing when every cycle lies in the future", () => {
      expect(decodeSerial("TV55A2XUC000042", { today: new Date("2025-11-30") })).toBeNull();
    });
  });

  it.each([
    ["a lower-case serial", "pk3n312345a"],
    ["a serial with a hyphen", "PK3-N312345A"],
    ["12 characters", "PK3N312345AB"],
    ["14 characters", "TV55A2XUC00004"],
    ["15 digits", "260531793113837"],
    ["11 digits", "12345678901"],
    ["a digit as family", "9K3N312345A"],
    ["O as year letter", "PK3O312345A"],
    ["S as year letter", "TV55A2XSC000042"],
    ["Q as year letter", "PK3Q312345A"],
    ["a digit as year letter", "TV55A2X5C000042"],
    ["month 0", "PK3N012345A"],
    ["month D", "PK3ND12345A"],
    ["nothing", ""],
  ])("does not decode %s", (_reason, serial) => {
    expect(decodeSerial(serial, { modelYear: 2021 })).toBeNull();
  });

  it("refuses a model year that is not a whole year", () => {
    expect(() => decodeSerial("PK3N312345A", { modelYear: 2021.5 })).toThrow(RangeError);
  });
});
