import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LOOK_ALIKE_FOLDS, lookAlikeKey } from "./look-alike.ts";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".split("");
const identifier = fc
  .array(fc.constantFrom(...ALPHABET), { minLength: 0, maxLength: 20 })
  .map((c) => c.join(""));
const PAIRS = Object.entries(LOOK_ALIKE_FOLDS);
const partner = new Map(
  PAIRS.flatMap(([letter, digit]) => [[letter, digit] as const, [digit, letter] as const]),
);

describe("LOOK_ALIKE_FOLDS", () => {
  it("folds exactly O, S, I, B and Z into 0, 5, 1, 8 and 2", () => {
    expect(LOOK_ALIKE_FOLDS).toEqual({ O: "0", S: "5", I: "1", B: "8", Z: "2" });
  });

  it("cannot be changed at run time", () => {
    expect(Object.isFrozen(LOOK_ALIKE_FOLDS)).toBe(true);
  });
});

describe("lookAlikeKey", () => {
  it("turns every look-alike letter into its digit", () => {
    expect(lookAlikeKey("OSIBZ")).toBe("05182");
  });

  it("leaves digits and other letters as they are", () => {
    expect(lookAlikeKey("ACDQ0123456789")).toBe("ACDQ0123456789");
  });

  it("gives the same key to a serial typed with 0 for O and 5 for S", () => {
    expect(lookAlikeKey("R5OB1234S6Z")).toBe(lookAlikeKey("RSO8I234562"));
  });

  it("is idempotent", () => {
    fc.assert(fc.property(identifier, (value) => lookAlikeKey(lookAlikeKey(value)) === lookAlikeKey(value)));
  });

  it("keeps the length", () => {
    fc.assert(fc.property(identifier, (value) => lookAlikeKey(value).length === value.length));
  });

  it("never leaves a look-alike letter in a key", () => {
    fc.assert(fc.property(identifier, (value) => !/[OSIBZ]/.test(lookAlikeKey(value))));
  });

  it("gives equal keys to strings that differ only by look-alike pairs", () => {
    fc.assert(
      fc.property(identifier, fc.infiniteStream(fc.boolean()), (value, swaps) => {
        const swapped = Array.from(value, (character) => {
          const other = partner.get(character);
          return other !== undefined && swaps.next().value ? other : character;
        }).join("");
        return lookAlikeKey(swapped) === lookAlikeKey(value);
      }),
    );
  });

  it("gives different keys when strings of equal length differ by anything else", () => {
    const pairOfEqualLength = identifier.chain((a) =>
      fc
        .array(fc.oneof(fc.constant("keep"), fc.constant("swap"), fc.constantFrom(...ALPHABET)), {
          minLength: a.length,
          maxLength: a.length,
        })
        .map((edits) => {
          const b = Array.from(a, (character, index) => {
            const edit = edits[index];
            if (edit === "keep") return character;
            if (edit === "swap") return partner.get(character) ?? character;
            return edit ?? character;
          }).join("");
          return [a, b] as const;
        }),
    );
    fc.assert(
      fc.property(pairOfEqualLength, ([a, b]) => {
        const onlyLookAlikes = Array.from(a).every(
          (character, index) => character === b[index] || partner.get(character) === b[index],
        );
        return (lookAlikeKey(a) === lookAlikeKey(b)) === onlyLookAlikes;
      }),
    );
  });
});
