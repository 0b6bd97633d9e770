const BODY = /^\d{14}$/;
const IMEI = /^\d{15}$/;

/**
 * Computes the Luhn check digit of an IMEI from its first 14 digits (3GPP TS 23.003, Annex B).
 *
 * @param body - the 14 digits: type allocation code (8) and serial (6)
 * @throws RangeError when `body` is not exactly 14 digits
 * @example
 * ```ts
 * imeiCheckDigit("26053179311383"); // 7
 * ```
 */
export function imeiCheckDigit(body: string): number {
  if (!BODY.test(body)) {
    throw new RangeError(`An IMEI body has 14 digits, got "${body}"`);
  }
  let sum = 0;
  for (let index = 0; index < 14; index++) {
    const digit = body.charCodeAt(index) - 48;
    // Every second digit, counting from the first, is doubled and its digits summed (12 -> 1 + 2).
    const weighted = index % 2 === 1 ? digit * 2 : digit;
    sum += weighted > 9 ? weighted - 9 : weighted;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * Tells whether a string is a 15-digit IMEI whose last digit is the Luhn check digit of the rest.
 *
 * @example
 * ```ts
 * isValidImei("260531793113837"); // true
 * isValidImei("260531793113830"); // false
 * ```
 */
export function isValidImei(value: string): boolean {
  return IMEI.test(value) && imeiCheckDigit(value.slice(0, 14)) === Number(value[14]);
}

/**
 * The type allocation code: the first 8 digits, which name the device model (the catalogue maps a
 * TAC to a model, so a typed IMEI tells which phone it is before the unit registry answers).
 *
 * @throws RangeError when `imei` is not 15 digits
 * @example
 * ```ts
 * tac("260531793113837"); // "26053179"
 * ```
 */
export function tac(imei: string): string {
  if (!IMEI.test(imei)) {
    throw new RangeError(`An IMEI has 15 digits, got "${imei}"`);
  }
  return imei.slice(0, 8);
}

/**
 * Appends the check digit to a 14-digit body, for demo data and test fixtures that need IMEIs the
 * validation accepts.
 *
 * @throws RangeError when `body` is not exactly 14 digits
 * @example
 * ```ts
 * completeImei("26053179311383"); // "260531793113837"
 * ```
 */
export function completeImei(body: string): string {
  return `${body}${imeiCheckDigit(body)}`;
}
