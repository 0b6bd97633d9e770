import type { IdentifierCheck } from "../../features/registration/schemas.ts";
import { hasMessage, type Locale, type MessageKey, type MessageValues } from "../../messages/catalog.ts";

type T = (key: MessageKey, values?: MessageValues) => string;
type Problem = IdentifierCheck["problems"][number] & Record<string, unknown>;

function expectedKind(problem: Problem): string {
  const expected = problem.expected as string | undefined;
  const lengths = (problem.expectedLengths as number[] | undefined) ?? [];
  if (expected === "serial15" || (lengths.length === 1 && lengths[0] === 15 && expected !== undefined))
    return "serial15";
  if (expected === "serial11") return "serial11";
  if (expected === "imei-or-serial11") return "imei-or-serial11";
  return "any";
}

/**
 * The sentence for one problem from the API, in the reader's language, with the facts it carries
 * (typed length, expected lengths, the model a box code belongs to, why a type is not registrable).
 */
export function problemText(
  t: T,
  locale: Locale,
  problem: Problem,
  model?: { names: Record<Locale, string> } | null,
): string {
  const key = `problem.${problem.code}`;
  if (!hasMessage(key)) return t("error.generic");
  switch (problem.code) {
    case "identifier.length":
      return t(key, {
        typedLength: Number(problem.typedLength ?? 0),
        expected: t("problem.expected.lengths", { kind: expectedKind(problem) }),
      });
    case "identifier.kind_mismatch":
      return t(key, { expected: ((problem.expectedLengths as number[] | undefined) ?? [15]).join("/") });
    case "identifier.charset":
      return t(key, { characters: ((problem.characters as string[] | undefined) ?? []).join(" ") });
    case "identifier.look_alike":
      return t(key, { suggestion: String(problem.suggestion ?? "") });
    case "identifier.box_code":
      return t(key, { model: model?.names[locale] ?? "none" });
    case "product.not_registrable": {
      const reason = problem.reason as Record<Locale, string> | null | undefined;
      return reason?.[locale] ? `${t(key)} ${reason[locale]}` : t(key);
    }
    default:
      return t(key as MessageKey);
  }
}
