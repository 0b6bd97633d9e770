import { describe, expect, it } from "vitest";
import { interpretIdentifier } from "../../domain/identifier.ts";
import { IDENTIFIER_RULE_NAMES, type IdentifierRule } from "../../domain/identifier-rules.ts";
import { formatMessage, LOCALES } from "../../messages/catalog.ts";
import { identifierHintValues, problemValues, ruleHintValues } from "./problem-text.ts";

/** The sentence the web shows for what the domain says of a typed identifier. */
function sentence(locale: "nb" | "en", typed: string, rule?: IdentifierRule): string {
  const reading = interpretIdentifier(typed, rule);
  if (reading.kind !== "problem") throw new Error(`${typed} is no problem for ${rule}`);
  const { kind: _kind, ...problem } = reading;
  return formatMessage(locale, `error.${problem.code}`, problemValues(locale, problem));
}

describe("the sentences that name identifier lengths", () => {
  it.each([
    ["nb", undefined, "Du skrev 9 tegn, men nummeret skal ha 11 eller 15 tegn."],
    ["nb", "imei-or-serial11", "Du skrev 9 tegn, men IMEI har 15 sifre og serienummeret 11 tegn."],
    ["nb", "serial11", "Du skrev 9 tegn, men serienummeret har 11 tegn."],
    ["nb", "serial15", "Du skrev 9 tegn, men serienummeret har 15 tegn."],
    ["en", undefined, "You typed 9 characters, but the number should have 11 or 15 characters."],
    ["en", "serial15", "You typed 9 characters, but the serial number has 15 characters."],
  ] as const)("in %s for %s say the lengths of the rule table", (locale, rule, start) => {
    expect(sentence(locale, "PK3N31234", rule)).toMatch(new RegExp(`^${start.replace(".", "\\.")}`));
  });

  it("tell a serial-only product type how long its serial is when an IMEI was typed", () => {
    expect(sentence("en", "260531793113837", "serial15")).toBe(
      "This type of product is registered by serial number, not IMEI. Its serial number has 15 characters.",
    );
    expect(sentence("nb", "260531793113837", "serial11")).toContain("Serienummeret har 11 tegn.");
  });

  it("are worded for every rule in both languages", () => {
    for (const locale of LOCALES) {
      for (const rule of [undefined, ...IDENTIFIER_RULE_NAMES]) {
        expect(sentence(locale, "PK3N31234", rule)).not.toMatch(/[{}]/);
      }
    }
  });

  it("give the form's hint its lengths from the same table", () => {
    expect(formatMessage("nb", "register.identifierHint", identifierHintValues("nb"))).toBe(
      "IMEI har 15 sifre. Serienummeret har 11 tegn på mobil, nettbrett og klokke, og 15 tegn på andre produkter.",
    );
    expect(formatMessage("en", "register.identifierHint", identifierHintValues("en"))).toBe(
      "An IMEI has 15 digits. The serial number has 11 characters on phones, tablets and watches, and 15 on other products.",
    );
  });
});

describe("the guide's sentence for a product type", () => {
  it("names the lengths of the rule's table in both languages", () => {
    expect(
      formatMessage("nb", "guide.identifier.imei-or-serial11", ruleHintValues("nb", "imei-or-serial11")),
    ).toBe("Bruk IMEI (15 sifre) eller serienummeret (11 tegn).");
    expect(formatMessage("en", "guide.identifier.serial15", ruleHintValues("en", "serial15"))).toBe(
      "The serial number has 15 characters.",
    );
  });
});
