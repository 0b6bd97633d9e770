import { IntlMessageFormat } from "intl-messageformat";
import { en } from "./en.ts";
import type { Locale } from "./locales.ts";
import { nb } from "./nb.ts";

export { isLocale, LOCALES, type Locale } from "./locales.ts";

export type MessageKey = keyof typeof nb;
export type MessageValues = Record<string, string | number | Date>;

const CATALOGS: Record<Locale, Record<MessageKey, string>> = { nb, en };
const compiled = new Map<string, IntlMessageFormat>();

/**
 * Formats one message of a catalog (ICU syntax: plurals, selects, dates).
 *
 * @example
 * formatMessage("en", "products.count", { count: 2 }); // "2 products"
 */
export function formatMessage(locale: Locale, key: MessageKey, values?: MessageValues): string {
  const cacheKey = `${locale}\u0000${key}`;
  let format = compiled.get(cacheKey);
  if (!format) {
    format = new IntlMessageFormat(CATALOGS[locale][key], locale === "nb" ? "nb-NO" : "en-GB");
    compiled.set(cacheKey, format);
  }
  return String(format.format(values));
}

/** @example hasMessage("error.auth.required") // true */
export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(nb, key);
}
