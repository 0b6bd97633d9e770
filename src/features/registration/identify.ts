import type { Kysely } from "kysely";
import type { Tables } from "../../db/tables.ts";
import {
  type IdentifierRule,
  interpretIdentifier,
  normalizeIdentifier,
  suggestLookAlikeFixes,
} from "../../domain/identifier.ts";
import { findCategory, findModelByGtin, findModelsByCodes } from "../catalogue/queries.ts";
import type { Category } from "../catalogue/schemas.ts";
import { presentModelSummary } from "../catalogue/service.ts";
import { findUnitByImei } from "../units/queries.ts";
import { lookUpSerial, type UnitRecord } from "../units/service.ts";
import type { IdentifierCheck } from "./schemas.ts";

export type Identification =
  | {
      ok: true;
      unit: UnitRecord;
      kind: "imei" | "serial";
      normalized: string;
      category: Category;
      model: ReturnType<typeof presentModelSummary>;
    }
  | { ok: false; check: IdentifierCheck };

/**
 * Reads what an owner typed and finds the unit it names, or says exactly why it cannot: a
 * problem from the domain rules, the box's product code, a unit that does not exist (with the
 * look-alike candidates), or a product type that cannot be registered.
 */
export async function identify(
  db: Kysely<Tables>,
  raw: string,
  productType: string | undefined,
): Promise<Identification> {
  const normalized = normalizeIdentifier(raw);
  const chosen = productType ? await findCategory(db, productType) : null;
  const rule = (chosen?.identifierRule ?? undefined) as IdentifierRule | undefined;
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

  let reading = interpretIdentifier(raw, rule);
  // Serials of products that cannot be registered (SSDs, accessories) follow no length rule; if
  // the registry knows the exact serial, say what it is rather than that its length is wrong.
  if (
    reading.kind === "problem" &&
    (reading.code === "identifier.length" || reading.code === "identifier.no_letter") &&
    !rule
  ) {
    const known = await lookUpSerial(db, normalized);
    if (known.exact) reading = { kind: "serial", value: normalized, length: 11, lookAlikeKey: normalized };
  }
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
    const expectedLengths = rule === "serial15" ? [15] : rule ? [15, 11] : [11, 15];
    return {
      ok: false,
      check: {
        ...base,
        problems: [
          {
            code: "identifier.length",
            typed: reading.value,
            typedLength: reading.value.length,
            expectedLengths,
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
        suggestions: candidates.map((c) => ({
          identifier: c.serial,
          fixes: suggestLookAlikeFixes(reading.value, c.serial),
          model: byCode.get(c.model_code) ?? null,
        })),
      },
    };
  }
  const [modelRow] = await findModelsByCodes(db, [unit.model_code]);
  const category = modelRow ? await findCategory(db, modelRow.category_code) : null;
  if (!modelRow || !category)
    throw new Error(`unit ${unit.serial} has no model or category in the catalogue`);
  const model = presentModelSummary(modelRow);
  if (!category.registrable) {
    return {
      ok: false,
      check: {
        ...base,
        kind: reading.kind,
        found: true,
        model,
        categoryCode: category.code,
        problems: [
          { code: "product.not_registrable", categoryCode: category.code, reason: category.notRegistrable },
        ],
      },
    };
  }
  return { ok: true, unit, kind: reading.kind, normalized: reading.value, category, model };
}
