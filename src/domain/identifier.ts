import { GTIN_LENGTHS, isValidGtin, toGtin14 } from "./gtin.ts";
import {
  type IdentifierRule,
  IMEI_LENGTH,
  IMEISV_LENGTH,
  identifierLengths,
  serialLengths,
  takesImei,
} from "./identifier-rules.ts";
import { isValidImei, tac } from "./imei.ts";
import { lookAlikeKey } from "./look-alike.ts";
import type { SerialLength } from "./serial-scheme.ts";

/** The stable codes of every way a typed identifier can be unusable; the web client words them. */
export type IdentifierProblemCode =
  | "identifier.empty"
  | "identifier.charset"
  | "identifier.check_digit"
  | "identifier.imeisv"
  | "identifier.length"
  | "identifier.no_letter"
  | "identifier.look_alike"
  | "identifier.kind_mismatch";

/** One character the owner should change, at a 1-based position of the normalized value. */
export type LookAlikeFix = { position: number; typed: string; suggested: string };

/** Why a typed identifier cannot be used as it is, with what the form needs to explain it. */
export type IdentifierProblem =
  | { kind: "problem"; code: "identifier.empty" }
  /** `characters` lists each offending character once, in the order typed. */
  | { kind: "problem"; code: "identifier.charset"; typed: string; characters: string[] }
  /**
   * 15 digits whose last digit does not match: one digit was misread. The matching digit is not
   * told, so the owner reads the label again instead of trusting a number that merely passes.
   */
  | { kind: "problem"; code: "identifier.check_digit"; typed: string }
  /** 16 digits: an IMEISV (IMEI plus software version), which has no check digit and names no unit. */
  | { kind: "problem"; code: "identifier.imeisv"; typed: string }
  | {
      kind: "problem";
      code: "identifier.length";
      typed: string;
      typedLength: number;
      expectedLengths: number[];
      expected?: IdentifierRule;
    }
  /** All digits, of a serial length: every serial carries at least one letter (its year letter). */
  | { kind: "problem"; code: "identifier.no_letter"; typed: string; typedLength: number }
  /** An IMEI typed with letters that look like digits; `suggestion` passes the check digit. */
  | {
      kind: "problem";
      code: "identifier.look_alike";
      typed: string;
      suggestion: string;
      fixes: LookAlikeFix[];
    }
  /** A phone's number typed for a product type registered by serial only. */
  | {
      kind: "problem";
      code: "identifier.kind_mismatch";
      typed: string;
      typedKind: "imei" | "imeisv";
      expected: IdentifierRule;
      expectedLengths: number[];
    };

/** Exactly one reading of what the owner typed. */
export type IdentifierInterpretation =
  | { kind: "imei"; value: string; tac: string }
  | { kind: "serial"; value: string; length: SerialLength; lookAlikeKey: string }
  /**
   * Digits with a valid GS1 check digit: most likely the product code from the box, which the
   * catalogue can confirm. A 14-digit one may also be an IMEI missing its last digit, which is only
   * flagged when the product type takes an IMEI.
   */
  | { kind: "gtin-candidate"; value: string; gtin14: string; mayBeImeiMissingLastDigit: boolean }
  | IdentifierProblem;

// Separators owners type or paste: hyphens and dashes of every kind (phones auto-replace "-"),
// soft hyphens and zero-width characters that come along when copying from a PDF or an email.
const SEPARATORS = /[\s\u00AD\u200B-\u200D\u2060\uFEFF\-\u2010-\u2015\u2212._/\\]/gu;
const LOWER = /[a-z]/g;
const ALLOWED = /^[A-Z0-9]$/;
const DIGITS = /^\d+$/;
const LETTER = /[A-Z]/;

/**
 * Brings a typed identifier to the form it is stored in: no whitespace, hyphens, dots, slashes or
 * underscores, and ASCII letters in upper case.
 *
 * NFKC comes first so digits from full-width (East Asian) keyboards become plain digits; only a–z
 * are upper-cased, because a general upper-casing turns some non-Latin letters (ı, ß) into Latin
 * ones and would hide a character that is not on any label.
 *
 * @example
 * ```ts
 * normalizeIdentifier("  35-209900 176148/1 "); // "352099001761481"
 * normalizeIdentifier("pk3n3.12345a"); // "PK3N312345A"
 * ```
 */
export function normalizeIdentifier(raw: string): string {
  return raw
    .normalize("NFKC")
    .replace(SEPARATORS, "")
    .replace(LOWER, (letter) => letter.toUpperCase());
}

/**
 * Reads what an owner typed into the single "serial number or IMEI" field, for the product type
 * they chose (if any), and says what it is or exactly why it cannot be used.
 *
 * Whether the unit exists is not decided here: a `serial` or `imei` still has to be found in the
 * unit registry, and a `gtin-candidate` in the catalogue.
 *
 * @example
 * ```ts
 * interpretIdentifier("26053179 311383 7");
 * // { kind: "imei", value: "260531793113837", tac: "26053179" }
 * interpretIdentifier("pk3n312345a", "serial15");
 * // { kind: "problem", code: "identifier.length", typed: "PK3N312345A", typedLength: 11,
 * //   expectedLengths: [15], expected: "serial15" }
 * ```
 */
export function interpretIdentifier(raw: string, expected?: IdentifierRule): IdentifierInterpretation {
  const value = normalizeIdentifier(raw);
  if (value === "") {
    return { kind: "problem", code: "identifier.empty" };
  }
  const invalid = invalidCharacters(value);
  if (invalid.length > 0) {
    return { kind: "problem", code: "identifier.charset", typed: value, characters: invalid };
  }
  const imei = takesImei(expected);
  const serials = serialLengths(expected);
  const lengthProblem = (): IdentifierProblem => ({
    kind: "problem",
    code: "identifier.length",
    typed: value,
    typedLength: value.length,
    expectedLengths: identifierLengths(expected),
    ...(expected === undefined ? {} : { expected }),
  });

  if (DIGITS.test(value)) {
    if (value.length === IMEI_LENGTH || value.length === IMEISV_LENGTH) {
      if (expected !== undefined && !imei) {
        // No serial is all digits, so 15 or 16 digits here is a phone's number on a product that has none.
        return {
          kind: "problem",
          code: "identifier.kind_mismatch",
          typed: value,
          typedKind: value.length === IMEI_LENGTH ? "imei" : "imeisv",
          expected,
          expectedLengths: identifierLengths(expected),
        };
      }
      if (value.length === IMEISV_LENGTH) {
        return { kind: "problem", code: "identifier.imeisv", typed: value };
      }
      return isValidImei(value)
        ? { kind: "imei", value, tac: tac(value) }
        : { kind: "problem", code: "identifier.check_digit", typed: value };
    }
    if (GTIN_LENGTHS.includes(value.length) && isValidGtin(value)) {
      return {
        kind: "gtin-candidate",
        value,
        gtin14: toGtin14(value),
        mayBeImeiMissingLastDigit: value.length === IMEI_LENGTH - 1 && imei,
      };
    }
    if (serials.includes(value.length)) {
      return { kind: "problem", code: "identifier.no_letter", typed: value, typedLength: value.length };
    }
    return lengthProblem();
  }

  if (imei && value.length === IMEI_LENGTH) {
    const folded = lookAlikeKey(value);
    // Our year letters are never look-alikes, so a serial of the scheme cannot fold to all digits.
    if (DIGITS.test(folded) && isValidImei(folded)) {
      return {
        kind: "problem",
        code: "identifier.look_alike",
        typed: value,
        suggestion: folded,
        fixes: suggestLookAlikeFixes(value, folded),
      };
    }
  }
  if (serials.includes(value.length) && LETTER.test(value)) {
    return { kind: "serial", value, length: value.length as SerialLength, lookAlikeKey: lookAlikeKey(value) };
  }
  return lengthProblem();
}

function invalidCharacters(value: string): string[] {
  const found = new Set<string>();
  for (const character of value) {
    if (!ALLOWED.test(character)) {
      found.add(character);
    }
  }
  return [...found];
}

/**
 * Shows an identifier in lists without giving it away: the first 3 and last 4 characters, one "•"
 * for each character between. Values of 7 characters or fewer are masked whole, since showing 3 + 4
 * of them would show everything.
 *
 * @example
 * ```ts
 * maskIdentifier("260531793113837"); // "260••••••••3837"
 * maskIdentifier("PK3N312345A"); // "PK3••••345A"
 * ```
 */
export function maskIdentifier(value: string): string {
  const characters = Array.from(value);
  if (characters.length <= 7) {
    return "•".repeat(characters.length);
  }
  return `${characters.slice(0, 3).join("")}${"•".repeat(characters.length - 7)}${characters.slice(-4).join("")}`;
}

/**
 * Lists where a candidate differs from what the owner typed, so the form can highlight "O → 0 at
 * position 4" when it offers the unit that "did you mean" found. Both are normalized first and
 * positions are 1-based in the normalized form.
 *
 * @throws RangeError when the two normalized values differ in length (no look-alike candidate does)
 * @example
 * ```ts
 * suggestLookAlikeFixes("PK3N3I2345A", "PK3N312345A");
 * // [{ position: 6, typed: "I", suggested: "1" }]
 * ```
 */
export function suggestLookAlikeFixes(typed: string, candidate: string): LookAlikeFix[] {
  const typedCharacters = Array.from(normalizeIdentifier(typed));
  const candidateCharacters = Array.from(normalizeIdentifier(candidate));
  if (typedCharacters.length !== candidateCharacters.length) {
    throw new RangeError(
      `A look-alike candidate has the typed length ${typedCharacters.length}, got ${candidateCharacters.length}`,
    );
  }
  const fixes: LookAlikeFix[] = [];
  typedCharacters.forEach((character, index) => {
    const suggested = candidateCharacters[index] ?? "";
    if (character !== suggested) {
      fixes.push({ position: index + 1, typed: character, suggested });
    }
  });
  return fixes;
}
