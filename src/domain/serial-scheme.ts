import type { IDENTIFIER_RULES, IdentifierRule } from "./identifier-rules.ts";

/**
 * The year letters in cycle order: the alphabet without the look-alike letters (O, S, I, B, Z) and
 * without Q, so a year letter can never be misread as a digit and every serial keeps at least one
 * unmistakable letter. Twenty letters make a twenty-year cycle.
 */
export const YEAR_LETTERS = "ACDEFGHJKLMNPRTUVWXY";

/** The year of the first cycle's `A`. The scheme has no serials made before it. */
export const SERIAL_EPOCH_YEAR = 2010;

/** Month characters in calendar order: 1–9, then A, B, C for October, November, December. */
export const MONTH_CHARACTERS = "123456789ABC";

/**
 * The serial lengths of the identifier rules (11 for phones, tablets and wearables, 15 for TVs and
 * everything else); the scheme has one layout for each.
 */
export type SerialLength = (typeof IDENTIFIER_RULES)[IdentifierRule]["serialLengths"][number];

/** The parts of a serial, by layout; `year` is the full calendar year. */
export type SerialParts =
  | { length: 11; family: string; factory: string; year: number; month: number; sequence: string }
  | { length: 15; lineCode: string; year: number; month: number; sequence: string };

/** What a serial says about its unit; `manufacturedOn` is the first of the month, "YYYY-MM-01". */
export type DecodedSerial = SerialParts & { manufacturedOn: string };

/**
 * What picks the cycle of a year letter that repeats every twenty years. The model year, from the
 * catalogue, wins when known; otherwise the most recent cycle that is not in the future.
 */
export type SerialDecodeContext =
  | { modelYear: number; today?: Date }
  | { modelYear?: null | undefined; today: Date };

const CYCLE_YEARS = YEAR_LETTERS.length;
const MAX_YEAR = 9999;

const LAYOUT_11 = /^([A-Z])([A-Z0-9]{2})([A-Z])([1-9ABC])([A-Z0-9]{6})$/;
const LAYOUT_15 = /^([A-Z0-9]{7})([A-Z])([1-9ABC])([A-Z0-9]{6})$/;
const FAMILY = /^[A-Z]$/;
const FACTORY = /^[A-Z0-9]{2}$/;
const LINE_CODE = /^[A-Z0-9]{7}$/;
const SEQUENCE = /^[A-Z0-9]{6}$/;

/**
 * Reads the manufacture year and month, and the other fields, out of a serial of our scheme
 * (see docs/serial-numbers.md).
 *
 * Year letters repeat every twenty years. With a model year the cycle nearest to it is taken (a
 * unit is built at most a year or two before its model year and some years after, so at an equal
 * distance the later cycle wins). Without one, the most recent cycle whose month is not after
 * `today` (in UTC) is taken.
 *
 * @param serial - a normalized serial (upper case, no separators, see `normalizeIdentifier`)
 * @returns the decoded fields, or `null` when the serial does not follow the scheme or, without a
 *   model year, would have been made after `today` in every cycle
 * @throws RangeError when `modelYear` is given but is not an integer year
 * @example
 * ```ts
 * decodeSerial("PK3N312345A", { modelYear: 2021 });
 * // { length: 11, family: "P", factory: "K3", year: 2021, month: 3, sequence: "12345A",
 * //   manufacturedOn: "2021-03-01" }
 * decodeSerial("TV55A2XUC000042", { today: new Date("2026-01-15") });
 * // { length: 15, lineCode: "TV55A2X", year: 2025, month: 12, sequence: "000042", manufacturedOn: "2025-12-01" }
 * ```
 */
export function decodeSerial(serial: string, context: SerialDecodeContext): DecodedSerial | null {
  const short = LAYOUT_11.exec(serial);
  const long = short ? null : LAYOUT_15.exec(serial);
  const yearLetter = short?.[3] ?? long?.[2];
  const monthCharacter = short?.[4] ?? long?.[3];
  if (yearLetter === undefined || monthCharacter === undefined) {
    return null;
  }
  const letterIndex = YEAR_LETTERS.indexOf(yearLetter);
  if (letterIndex < 0) {
    return null;
  }
  const month = MONTH_CHARACTERS.indexOf(monthCharacter) + 1;
  const year = pickYear(SERIAL_EPOCH_YEAR + letterIndex, month, context);
  if (year === null) {
    return null;
  }
  const manufacturedOn = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-01`;
  if (short) {
    const [, family = "", factory = "", , , sequence = ""] = short;
    return { length: 11, family, factory, year, month, sequence, manufacturedOn };
  }
  const [, lineCode = "", , , sequence = ""] = long ?? [];
  return { length: 15, lineCode, year, month, sequence, manufacturedOn };
}

function pickYear(firstYear: number, month: number, context: SerialDecodeContext): number | null {
  const { modelYear } = context;
  if (modelYear !== undefined && modelYear !== null) {
    if (!Number.isSafeInteger(modelYear)) {
      throw new RangeError(`A model year is a whole year, got ${modelYear}`);
    }
    // Rounding half up puts a tie (ten years either side) on the later cycle.
    const cycles = Math.max(0, Math.floor((modelYear - firstYear) / CYCLE_YEARS + 0.5));
    return firstYear + cycles * CYCLE_YEARS;
  }
  const { today } = context;
  if (today === undefined) {
    throw new TypeError("decodeSerial needs a model year or today's date");
  }
  const todayMonths = today.getUTCFullYear() * 12 + today.getUTCMonth();
  const firstMonths = firstYear * 12 + (month - 1);
  if (firstMonths > todayMonths) {
    return null;
  }
  return firstYear + Math.floor((todayMonths - firstMonths) / (CYCLE_YEARS * 12)) * CYCLE_YEARS;
}

/**
 * Builds a serial of our scheme from its parts, for demo data and test fixtures.
 *
 * @throws RangeError when a part does not fit the layout: a family that is not one letter A–Z, a
 *   factory that is not 2 characters A–Z/0–9, a line code that is not 7, a sequence that is not 6,
 *   a month outside 1–12, or a year before {@link SERIAL_EPOCH_YEAR} or after 9999
 * @example
 * ```ts
 * encodeSerial({ length: 11, family: "P", factory: "K3", year: 2021, month: 3, sequence: "12345A" });
 * // "PK3N312345A"
 * encodeSerial({ length: 15, lineCode: "TV55A2X", year: 2025, month: 12, sequence: "000042" });
 * // "TV55A2XUC000042"
 * ```
 */
export function encodeSerial(parts: SerialParts): string {
  const { year, month, sequence } = parts;
  if (!Number.isInteger(year) || year < SERIAL_EPOCH_YEAR || year > MAX_YEAR) {
    throw new RangeError(
      `A serial year is a whole year from ${SERIAL_EPOCH_YEAR} to ${MAX_YEAR}, got ${year}`,
    );
  }
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`A month is 1 to 12, got ${month}`);
  }
  if (!SEQUENCE.test(sequence)) {
    throw new RangeError(`A sequence is 6 characters A-Z or 0-9, got "${sequence}"`);
  }
  const date = `${YEAR_LETTERS[(year - SERIAL_EPOCH_YEAR) % CYCLE_YEARS]}${MONTH_CHARACTERS[month - 1]}`;
  if (parts.length === 11) {
    if (!FAMILY.test(parts.family)) {
      throw new RangeError(`A product family is one letter A-Z, got "${parts.family}"`);
    }
    if (!FACTORY.test(parts.factory)) {
      throw new RangeError(`A factory code is 2 characters A-Z or 0-9, got "${parts.factory}"`);
    }
    return `${parts.family}${parts.factory}${date}${sequence}`;
  }
  if (parts.length === 15) {
    if (!LINE_CODE.test(parts.lineCode)) {
      throw new RangeError(`A product-line code is 7 characters A-Z or 0-9, got "${parts.lineCode}"`);
    }
    return `${parts.lineCode}${date}${sequence}`;
  }
  throw new RangeError(
    `A serial has 11 or 15 characters, got length ${(parts as { length: unknown }).length}`,
  );
}
