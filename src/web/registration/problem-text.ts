import {
  type IdentifierRule,
  IMEI_LENGTH,
  IMEISV_LENGTH,
  identifierLengths,
  isIdentifierRule,
  serialLengths,
  takesImei,
} from "../../domain/identifier-rules.ts";
import type { IdentifierCheck } from "../../features/registration/schemas.ts";
import type { Locale, MessageValues } from "../../messages/catalog.ts";

type Problem = IdentifierCheck["problems"][number] & Record<string, unknown>;

/** A list of lengths as the reader says it: "11 eller 15", "11 or 15". */
function lengthList(locale: Locale, lengths: readonly number[]): string {
  return new Intl.ListFormat(locale === "nb" ? "nb-NO" : "en-GB", { type: "disjunction" }).format(
    lengths.map(String),
  );
}

/**
 * The lengths a problem's sentence names, from the one table of identifier rules (not from the
 * document, so the sentence and the rule cannot drift apart): for the product type chosen
 * (`expected`), or for any product.
 */
function expectedLengths(locale: Locale, problem: Problem): MessageValues {
  const rule = isIdentifierRule(problem.expected) ? problem.expected : undefined;
  return {
    kind: rule === undefined ? "any" : takesImei(rule) ? "imei" : "serial",
    imeiLength: IMEI_LENGTH,
    serialLengths: lengthList(locale, serialLengths(rule)),
    lengths: lengthList(locale, identifierLengths(rule)),
  };
}

/**
 * The lengths the form's hint names (`register.identifierHint`), from the same table: the IMEI's,
 * the serials of phones, tablets and watches, and those of every other product.
 *
 * @example t("register.identifierHint", identifierHintValues(locale))
 */
export function identifierHintValues(locale: Locale): MessageValues {
  return {
    imeiLength: IMEI_LENGTH,
    handheldLengths: lengthList(locale, serialLengths("serial11")),
    otherLengths: lengthList(locale, serialLengths("serial15")),
  };
}

/**
 * A category's name inside a sentence: "Trådløse øreplugger" becomes "trådløse øreplugger", while
 * a name that starts with an abbreviation ("TV", "SSD og lagring") stays as it is.
 */
function inSentence(locale: Locale, name: string): string {
  return /^\p{Lu}\p{Ll}/u.test(name) ? `${name.charAt(0).toLocaleLowerCase(locale)}${name.slice(1)}` : name;
}

/**
 * The values the sentence of a problem from the API needs (`error.<code>` in the catalogs), from
 * the facts the problem document carries (typed length, expected lengths, the characters refused,
 * the model a box code belongs to, why a type is not registrable, the unit's type and the type
 * chosen when they differ) and the lengths of the one table of identifier rules (an IMEI's, an
 * IMEISV's).
 *
 * @example problemValues("nb", { code: "identifier.look_alike", suggestion: "356938035643809" })
 */
export function problemValues(locale: Locale, problem: Problem): MessageValues | undefined {
  switch (problem.code) {
    case "identifier.length":
      return { typedLength: Number(problem.typedLength ?? 0), ...expectedLengths(locale, problem) };
    case "identifier.kind_mismatch":
      return expectedLengths(locale, problem);
    case "identifier.charset":
      return { characters: ((problem.characters as string[] | undefined) ?? []).join(" ") };
    case "identifier.look_alike":
      return { suggestion: String(problem.suggestion ?? "") };
    case "identifier.imeisv":
      return { imeisvLength: IMEISV_LENGTH, imeiLength: IMEI_LENGTH };
    case "confirmation.imei_invalid":
      return { imeiLength: IMEI_LENGTH };
    case "identifier.box_code": {
      const model = problem.model as { names?: Record<Locale, string> } | null | undefined;
      return { model: model?.names?.[locale] || "none" };
    }
    case "product.not_registrable": {
      const reason = problem.reason as Record<Locale, string> | null | undefined;
      return { reason: reason?.[locale] || "none" };
    }
    case "registration.product_type_mismatch": {
      const model = problem.model as { names?: Record<Locale, string> } | null | undefined;
      const names = (value: unknown) => (value as Record<Locale, string> | null | undefined)?.[locale];
      return {
        kind: problem.identifierKind === "imei" ? "imei" : "serial",
        model: model?.names?.[locale] ?? "",
        category: inSentence(locale, names(problem.categoryNames) ?? String(problem.categoryCode ?? "")),
        chosen: names(problem.productTypeNames) ?? String(problem.productType ?? ""),
      };
    }
    default:
      return undefined;
  }
}

/**
 * The lengths a product type's guide names (`guide.identifier.<rule>`), from the same table.
 *
 * @example t(`guide.identifier.${rule}`, ruleHintValues(locale, rule))
 */
export function ruleHintValues(locale: Locale, rule: IdentifierRule): MessageValues {
  return { imeiLength: IMEI_LENGTH, serialLengths: lengthList(locale, serialLengths(rule)) };
}
