import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { ERROR_CODES, isErrorCode } from "../server/error-codes.ts";
import { STATUS_SENTENCES } from "../web/problem-message.ts";
import { problemValues } from "../web/registration/problem-text.ts";
import { LOCALES, type Locale } from "./catalog.ts";
import { en } from "./en.ts";
import { nb } from "./nb.ts";

const CATALOGS: Record<Locale, Record<string, string>> = { nb, en };
/** `error.*` keys that are no code: the sentences the web falls back on by status. */
const FALLBACKS = new Set<string>(Object.values(STATUS_SENTENCES));

/** The names of the arguments a message uses (`{name}`, `{n, plural, …}`, nested ones too). */
function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  const walk = (elements: unknown[]) => {
    for (const element of elements as { value?: unknown; options?: Record<string, { value: unknown[] }> }[]) {
      if (typeof element.value === "string" && "type" in element && (element as { type: number }).type !== 0)
        names.add(element.value);
      for (const option of Object.values(element.options ?? {})) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(message, "en").getAst());
  return [...names].sort();
}

describe("the error catalogue in the message catalogs", () => {
  for (const locale of LOCALES) {
    it(`gives every code of the catalogue a sentence in ${locale}`, () => {
      const missing = Object.keys(ERROR_CODES).filter((code) => !CATALOGS[locale][`error.${code}`]?.trim());
      expect(missing).toEqual([]);
    });

    it(`has no ${locale} sentence for a code that is not in the catalogue`, () => {
      const stale = Object.keys(CATALOGS[locale]).filter(
        (key) => key.startsWith("error.") && !FALLBACKS.has(key) && !isErrorCode(key.slice("error.".length)),
      );
      expect(stale).toEqual([]);
    });

    it(`words codes only under error.<code> in ${locale}, not in a second namespace`, () => {
      expect(Object.keys(CATALOGS[locale]).filter((key) => key.startsWith("problem."))).toEqual([]);
    });

    it(`parses every ${locale} message as ICU`, () => {
      const broken = Object.entries(CATALOGS[locale]).flatMap(([key, message]) => {
        try {
          new IntlMessageFormat(message, locale === "nb" ? "nb-NO" : "en-GB");
          return [];
        } catch (error) {
          return [`${key}: ${(error as Error).message}`];
        }
      });
      expect(broken).toEqual([]);
    });
  }

  it("has the sentence of each status fallback in both languages", () => {
    for (const key of FALLBACKS) {
      expect(nb[key as keyof typeof nb], key).toBeTruthy();
      expect(en[key as keyof typeof en], key).toBeTruthy();
    }
  });

  it("asks for the same values in nb and en for every error sentence", () => {
    const differ = Object.keys(nb)
      .filter((key) => key.startsWith("error."))
      .filter(
        (key) =>
          argumentsOf(nb[key as keyof typeof nb]).join() !== argumentsOf(en[key as keyof typeof en]).join(),
      );
    expect(differ).toEqual([]);
  });

  for (const locale of LOCALES) {
    it(`is given by the web every value a ${locale} error sentence asks for`, () => {
      const unfilled = Object.keys(ERROR_CODES).flatMap((code) => {
        const supplied = Object.keys(problemValues(locale, { code }) ?? {});
        const missing = argumentsOf(CATALOGS[locale][`error.${code}`] ?? "").filter(
          (name) => !supplied.includes(name),
        );
        return missing.length > 0 ? [`error.${code}: ${missing.join(", ")}`] : [];
      });
      expect(unfilled).toEqual([]);
    });
  }
});
