import type { Kysely } from "kysely";
import type { Tables } from "../../db/tables.ts";
import { interpretIdentifier, normalizeIdentifier, suggestLookAlikeFixes } from "../../domain/identifier.ts";
import { type IdentifierRule, identifierLengths } from "../../domain/identifier-rules.ts";
import { isErrorCode } from "../../server/error-codes.ts";
import { Problem } from "../../server/problem.ts";
import { findCategory, findModelByGtin, findModelsByCodes } from "../catalogue/queries.ts";
import type { Category } from "../catalogue/schemas.ts";
import { presentModelSummary } from "../catalogue/service.ts";
import { findUnitByImei } from "../units/queries.ts";
import { lookUpSerial, type UnitRecord } from "../units/service.ts";
import type { IdentifierCheck } from "./schemas.ts";

type ModelRow = Awaited<ReturnType<typeof findModelsByCodes>>[number];

export type Identification =
  | {
      ok: true;
      unit: UnitRecord;
      /** The unit's model as the catalogue holds it. */
      modelRow: ModelRow;
      kind: "imei" | "serial";
      normalized: string;
      category: Category;
      model: ReturnType<typeof presentModelSummary>;
    }
  | { ok: false; check: IdentifierCheck };

/**
 * Reads what an owner typed and finds the unit it names, or says exactly why it cannot: a
 * problem from the domain rules, the box's product code, a unit that does not exist (with the
 * look-alike candidates), a product type that cannot be registered, or a unit of another type
 * than the one the owner chose.
 */
export async function identify(
  db: Kysely<Tables>,
  raw: string,
  productType: string | undefined,
): Promise<Identification> {
  const normalized = normalizeIdentifier(raw);
  const chosen = productType ? await findCategory(db, productType) : null;
  const rule: IdentifierRule | undefined = chosen?.identifierRule ?? undefined;
  const base: IdentifierCheck = {
    normalized,
    kind: "unknown",
    found: false,
    model: null,
    categoryCode: chosen?.code ?? null,
    problems: [],
    suggestions: [],
  };
  if (productType && !chosen) {
    return { ok: false, check: { ...base, problems: [{ code: "product_type.unknown", productType }] } };
  }
  if (chosen && !chosen.registrable) {
    return {
      ok: false,
      check: {
        ...base,
        problems: [
          { code: "product.not_registrable", categoryCode: chosen.code, reason: chosen.notRegistrable },
        ],
      },
    };
  }

  const reading = interpretIdentifier(raw, rule);
  // Serials of products that cannot be registered (SSDs, accessories) follow no length rule; if
  // the registry knows the exact serial, say what it is rather than that its length is wrong.
  const unruled =
    reading.kind === "problem" &&
    (reading.code === "identifier.length" || reading.code === "identifier.no_letter") &&
    !rule;
  const knownUnruled = unruled ? (await lookUpSerial(db, normalized)).exact : null;
  if (knownUnruled) return resolveUnit(db, base, chosen, knownUnruled, "serial");
  if (reading.kind === "problem") {
    const { kind: _kind, ...problem } = reading;
    const kind =
      reading.code === "identifier.check_digit" || reading.code === "identifier.imeisv" ? "imei" : "unknown";
    return { ok: false, check: { ...base, kind, problems: [problem] } };
  }
  if (reading.kind === "gtin-candidate") {
    const model = await findModelByGtin(db, reading.gtin14);
    if (model) {
      return {
        ok: false,
        check: {
          ...base,
          kind: "gtin",
          model: presentModelSummary(model),
          categoryCode: model.category_code,
          problems: [{ code: "identifier.box_code", gtin: reading.gtin14 }],
        },
      };
    }
    // Digits that are no box code: too short or too long for what the field takes.
    return {
      ok: false,
      check: {
        ...base,
        problems: [
          {
            code: "identifier.length",
            typed: reading.value,
            typedLength: reading.value.length,
            expectedLengths: identifierLengths(rule),
            ...(rule ? { expected: rule } : {}),
          },
        ],
      },
    };
  }

  let unit: UnitRecord | null;
  let candidates: UnitRecord[] = [];
  if (reading.kind === "imei") {
    unit = (await findUnitByImei(db, reading.value)) ?? null;
  } else {
    ({ exact: unit, candidates } = await lookUpSerial(db, reading.value));
  }
  if (!unit) {
    const models = await findModelsByCodes(db, [...new Set(candidates.map((c) => c.model_code))]);
    const byCode = new Map(models.map((m) => [m.code, presentModelSummary(m)]));
    return {
      ok: false,
      check: {
        ...base,
        kind: reading.kind,
        problems: [{ code: "identifier.not_found" }],
        // What tells look-alike units apart, and nothing of who owns them.
        suggestions: candidates.map((c) => ({
          identifier: c.serial,
          fixes: suggestLookAlikeFixes(reading.value, c.serial),
          model: byCode.get(c.model_code) ?? null,
          producedIn: c.manufactured_on?.slice(0, 7) ?? null,
        })),
      },
    };
  }
  return resolveUnit(db, base, chosen, unit, reading.kind);
}

/**
 * The unit found: its model and category, whether its category can be registered, and whether it
 * is of the product type the owner chose (a TV chosen and an earbuds serial typed is said, not
 * registered as earbuds without a word).
 */
async function resolveUnit(
  db: Kysely<Tables>,
  base: IdentifierCheck,
  chosen: Category | null,
  unit: UnitRecord,
  kind: "imei" | "serial",
): Promise<Identification> {
  const [modelRow] = await findModelsByCodes(db, [unit.model_code]);
  const category = modelRow ? await findCategory(db, modelRow.category_code) : null;
  if (!modelRow || !category)
    throw new Error(`unit ${unit.serial} has no model or category in the catalogue`);
  const model = presentModelSummary(modelRow);
  const refused = (problem: IdentifierCheck["problems"][number]): Identification => ({
    ok: false,
    check: { ...base, kind, found: true, model, categoryCode: category.code, problems: [problem] },
  });
  if (!category.registrable) {
    return refused({
      code: "product.not_registrable",
      categoryCode: category.code,
      reason: category.notRegistrable,
    });
  }
  if (chosen && chosen.code !== category.code) {
    return refused({
      code: "registration.product_type_mismatch",
      identifierKind: kind,
      productType: chosen.code,
      productTypeNames: chosen.names,
      categoryCode: category.code,
      categoryNames: category.names,
    });
  }
  return { ok: true, unit, kind, normalized: base.normalized, category, model, modelRow };
}

/** English sentences for API clients; the web client words every code itself, in nb or en. */
const DETAILS: Partial<Record<string, string>> = {
  "identifier.empty": "Type the serial number or IMEI.",
  "identifier.charset": "The identifier holds characters that are never part of a serial number or IMEI.",
  "identifier.check_digit": "One digit of this IMEI is wrong: its check digit does not match.",
  "identifier.imeisv": "This is an IMEISV (16 digits), not an IMEI. Use the 15-digit IMEI.",
  "identifier.length": "The identifier has the wrong length for this product type.",
  "identifier.no_letter": "A serial number always holds at least one letter.",
  "identifier.look_alike": "This IMEI holds letters that look like digits.",
  "identifier.kind_mismatch": "This product type is registered by serial number, not IMEI.",
  "identifier.box_code": "This is the product code from the box. The serial number is on the product itself.",
  "identifier.not_found": "No product with this serial number or IMEI was found.",
  "product.not_registrable": "Products of this type cannot be registered.",
  "product_type.unknown": "Unknown product type.",
  "registration.product_type_mismatch":
    "This unit is of another product type than the one chosen. Send it without productType, or with its own categoryCode.",
};

/**
 * Turns a failed identification into the problem the API answers with (422, with the check). For a
 * unit of another type than the one chosen, `model` and `categoryCode` are the unit's and the
 * problem in `problems` names the type chosen (`productType`).
 */
export function identificationProblem(check: IdentifierCheck): Problem {
  const first = check.problems[0] as { code: string };
  const code = isErrorCode(first.code) ? first.code : "identifier.not_found";
  return new Problem(code, DETAILS[first.code] ?? "The identifier cannot be used.", {
    normalized: check.normalized,
    problems: check.problems,
    suggestions: check.suggestions,
    model: check.model,
    categoryCode: check.categoryCode,
  });
}
