import type { Locale } from "../messages/catalog.ts";

const formats = new Map<string, Intl.DateTimeFormat>();

/** A calendar date ("YYYY-MM-DD") as the reader writes dates: "20. nov. 2025" or "20 Nov 2025". */
export function formatDate(locale: Locale, date: string): string {
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === "nb" ? "nb-NO" : "en-GB", {
      dateStyle: "medium",
      timeZone: "UTC",
    });
    formats.set(locale, format);
  }
  return format.format(new Date(`${date.slice(0, 10)}T00:00:00Z`));
}
