import type { Country } from "./country.ts";

/**
 * How each country writes a postcode: Norway and Denmark four digits, Finland five, Sweden five
 * written "123 45". What an owner types is read loosely (spaces anywhere, Sweden with or without
 * its space, a country prefix such as "NO-") and written back the way the country's post does.
 */
const RULES: Readonly<Record<Country, { digits: number; format(digits: string): string }>> = {
  NO: { digits: 4, format: (d) => d },
  DK: { digits: 4, format: (d) => d },
  FI: { digits: 5, format: (d) => d },
  SE: { digits: 5, format: (d) => `${d.slice(0, 3)} ${d.slice(3)}` },
};

/**
 * The postcode as the country's post writes it, or null when it is not one of that country's.
 *
 * @example
 * normalizePostcode("NO", " 0155 "); // "0155"
 * normalizePostcode("NO", "12"); // null
 * normalizePostcode("SE", "11122"); // "111 22"
 * normalizePostcode("DK", "DK-2100"); // "2100"
 */
export function normalizePostcode(country: Country, typed: string): string | null {
  const rule = RULES[country];
  const digits = typed
    .trim()
    .replace(new RegExp(`^${country}[- ]?`, "i"), "")
    .replace(/\s+/g, "");
  if (!/^[0-9]+$/.test(digits) || digits.length !== rule.digits) return null;
  return rule.format(digits);
}

/**
 * How many digits a postcode has in `country`: the form uses it to say what it expects and to know
 * when a postcode is typed in full.
 *
 * @example
 * postcodeDigits("NO"); // 4
 */
export function postcodeDigits(country: Country): number {
  return RULES[country].digits;
}
