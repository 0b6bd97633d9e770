/**
 * Letters that owners (and label printers) confuse with digits, and the digit each one folds to.
 *
 * This is the only copy of the map: the "did you mean" index (B1), the serial scheme's choice of
 * year letters and the hints in the registration form all depend on it agreeing with itself.
 *
 * @example
 * ```ts
 * LOOK_ALIKE_FOLDS.O; // "0"
 * ```
 */
export const LOOK_ALIKE_FOLDS: Readonly<Record<"O" | "S" | "I" | "B" | "Z", string>> = Object.freeze({
  O: "0",
  S: "5",
  I: "1",
  B: "8",
  Z: "2",
});

const FOLDABLE = /[OSIBZ]/g;

/**
 * Folds every look-alike letter of a normalized identifier into its digit.
 *
 * A unit stores the key of its serial; a serial typed by an owner that is not found is folded the
 * same way and looked up by key, which finds the unit whatever mix of O/0, S/5, I/1, B/8 and Z/2
 * the owner typed, in one indexed look-up.
 *
 * @param normalized - an identifier already through `normalizeIdentifier` (upper case, no separators)
 * @example
 * ```ts
 * lookAlikeKey("R5OB1234S6Z"); // "R5081234562"
 * lookAlikeKey("R5OB1234S6Z") === lookAlikeKey("RSO8I234562"); // true
 * ```
 */
export function lookAlikeKey(normalized: string): string {
  return normalized.replace(FOLDABLE, (letter) => LOOK_ALIKE_FOLDS[letter as keyof typeof LOOK_ALIKE_FOLDS]);
}
