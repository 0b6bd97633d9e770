/** The lengths a GS1 trade item number comes in: GTIN-8, GTIN-12 (UPC-A), GTIN-13 (EAN) and GTIN-14. */
export const GTIN_LENGTHS: readonly number[] = Object.freeze([8, 12, 13, 14]);

const BODY = /^\d{7}$|^\d{11,13}$/;
const GTIN = /^\d{8}$|^\d{12,14}$/;

/**
 * Computes the GS1 mod-10 check digit for a GTIN body (the GTIN without its last digit).
 *
 * Weights alternate 3, 1, 3, … starting from the rightmost body digit, so the same body padded with
 * leading zeros gets the same check digit: that is what lets every GTIN be stored as a GTIN-14.
 *
 * @param body - 7, 11, 12 or 13 digits
 * @throws RangeError when `body` is not 7, 11, 12 or 13 digits
 * @example
 * ```ts
 * gtinCheckDigit("590123412345"); // 7, so the EAN-13 is "5901234123457"
 * ```
 */
export function gtinCheckDigit(body: string): number {
  if (!BODY.test(body)) {
    throw new RangeError(`A GTIN body has 7, 11, 12 or 13 digits, got "${body}"`);
  }
  let sum = 0;
  for (let fromRight = 0; fromRight < body.length; fromRight++) {
    const digit = body.charCodeAt(body.length - 1 - fromRight) - 48;
    sum += fromRight % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * Tells whether a string is a GTIN-8, -12, -13 or -14 whose check digit is right.
 *
 * @param digits - the candidate, already without spaces
 * @example
 * ```ts
 * isValidGtin("5901234123457"); // true
 * isValidGtin("5901234123458"); // false: wrong check digit
 * isValidGtin("59012341234");   // false: 11 digits is no GTIN length
 * ```
 */
export function isValidGtin(digits: string): boolean {
  if (!GTIN.test(digits)) {
    return false;
  }
  return gtinCheckDigit(digits.slice(0, -1)) === Number(digits.at(-1));
}

/**
 * Widens any valid GTIN to the 14-digit form, the one key the catalogue stores and GS1 Digital
 * Link (AI 01) carries, so an EAN-13 from a box and a GTIN-14 from a QR code match.
 *
 * @throws RangeError when `gtin` is not a valid GTIN
 * @example
 * ```ts
 * toGtin14("5901234123457"); // "05901234123457"
 * ```
 */
export function toGtin14(gtin: string): string {
  if (!isValidGtin(gtin)) {
    throw new RangeError(`Not a valid GTIN: "${gtin}"`);
  }
  return gtin.padStart(14, "0");
}
