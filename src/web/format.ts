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

const money = new Map<string, Intl.NumberFormat>();

/** An amount in its currency, as the reader writes it: "2 490,00 kr" or "NOK 2,490.00". */
export function formatMoney(locale: Locale, amount: number, currency: string): string {
  const key = `${locale}-${currency}`;
  let format = money.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale === "nb" ? "nb-NO" : "en-GB", { style: "currency", currency });
    money.set(key, format);
  }
  return format.format(amount);
}
