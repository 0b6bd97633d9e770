/**
 * The one table of identifier rules: what each product type accepts in the "serial number or
 * IMEI" field, by rule name. The typed-identifier reading (`identifier.ts`), the unit import's row
 * check, the registration look-up and the web's problem sentences all read their lengths here.
 */

/** An IMEI: 14 digits and a Luhn check digit. */
export const IMEI_LENGTH = 15;

/** An IMEISV: an IMEI's 14 digits and a 2-digit software version, with no check digit. */
export const IMEISV_LENGTH = 16;

/** What one rule accepts: whether an IMEI names the unit, and the lengths of its serials. */
export interface IdentifierRuleSpec {
  readonly imei: boolean;
  readonly serialLengths: readonly number[];
}

/**
 * Phones take an IMEI or an 11-character serial, tablets and wearables without a modem an
 * 11-character serial, TVs and every other registrable product a 15-character serial.
 */
export const IDENTIFIER_RULES = {
  "imei-or-serial11": { imei: true, serialLengths: [11] },
  serial11: { imei: false, serialLengths: [11] },
  serial15: { imei: false, serialLengths: [15] },
} as const satisfies Record<string, IdentifierRuleSpec>;

/** The name of a rule, as the catalogue stores it on a category. */
export type IdentifierRule = keyof typeof IDENTIFIER_RULES;

/** Every rule name, for a zod enum (`z.enum(IDENTIFIER_RULE_NAMES)`). */
export const IDENTIFIER_RULE_NAMES = Object.keys(IDENTIFIER_RULES) as [IdentifierRule, ...IdentifierRule[]];

/**
 * Serials of categories that have no rule (SSDs, accessories: not registrable) are stored as the
 * factory sends them, within these bounds.
 */
export const UNRULED_SERIAL_LENGTHS = { min: 6, max: 20 } as const;

/**
 * Whether a string is the name of a rule.
 *
 * @example
 * ```ts
 * isIdentifierRule("serial15"); // true
 * isIdentifierRule("serial12"); // false
 * ```
 */
export function isIdentifierRule(value: unknown): value is IdentifierRule {
  return typeof value === "string" && Object.hasOwn(IDENTIFIER_RULES, value);
}

/**
 * The serial lengths a rule accepts; with no rule (no product type chosen), every length any rule
 * accepts, shortest first.
 *
 * @example
 * ```ts
 * serialLengths("serial15"); // [15]
 * serialLengths(); // [11, 15]
 * ```
 */
export function serialLengths(rule?: IdentifierRule): number[] {
  if (rule !== undefined) return [...IDENTIFIER_RULES[rule].serialLengths];
  const all = Object.values(IDENTIFIER_RULES).flatMap((spec) => spec.serialLengths);
  return [...new Set(all)].sort((a, b) => a - b);
}

/**
 * Whether a rule takes an IMEI; with no rule chosen the field takes one, since a phone may be meant.
 *
 * @example
 * ```ts
 * takesImei("imei-or-serial11"); // true
 * takesImei("serial11"); // false
 * takesImei(); // true
 * ```
 */
export function takesImei(rule?: IdentifierRule): boolean {
  return rule === undefined || IDENTIFIER_RULES[rule].imei;
}

/**
 * Every length the field accepts for a rule: for a rule that takes an IMEI, the IMEI's length first
 * (it is what the owner is asked for first); with no rule, the serial lengths, which include it.
 *
 * @example
 * ```ts
 * identifierLengths("imei-or-serial11"); // [15, 11]
 * identifierLengths("serial11"); // [11]
 * identifierLengths(); // [11, 15]
 * ```
 */
export function identifierLengths(rule?: IdentifierRule): number[] {
  const lengths =
    rule !== undefined && takesImei(rule) ? [IMEI_LENGTH, ...serialLengths(rule)] : serialLengths(rule);
  if (rule === undefined) lengths.push(IMEI_LENGTH);
  return [...new Set(lengths)];
}

/**
 * Whether a serial's length fits a category's rule; a category without a rule takes any serial
 * within {@link UNRULED_SERIAL_LENGTHS}.
 *
 * @example
 * ```ts
 * serialLengthFits(11, "imei-or-serial11"); // true
 * serialLengthFits(11, "serial15"); // false
 * serialLengthFits(12, null); // true
 * ```
 */
export function serialLengthFits(length: number, rule: IdentifierRule | null): boolean {
  if (rule === null) return length >= UNRULED_SERIAL_LENGTHS.min && length <= UNRULED_SERIAL_LENGTHS.max;
  return serialLengths(rule).includes(length);
}
