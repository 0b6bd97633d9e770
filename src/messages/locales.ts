/**
 * The languages the portal speaks. Kept apart from the catalogs (catalog.ts) so that the web app's
 * first script can name them without carrying every message.
 */
export const LOCALES = ["nb", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/** @example isLocale("nb") // true */
export function isLocale(value: unknown): value is Locale {
  return value === "nb" || value === "en";
}
