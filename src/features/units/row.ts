import { isValidCalendarDate } from "../../domain/calendar-date.ts";
import {
  type IdentifierRule,
  IMEI_LENGTH,
  serialLengthFits,
  serialLengths,
  takesImei,
  UNRULED_SERIAL_LENGTHS,
} from "../../domain/identifier-rules.ts";
import { isValidImei } from "../../domain/imei.ts";
import { lookAlikeKey } from "../../domain/look-alike.ts";
import { decodeSerial } from "../../domain/serial-scheme.ts";

/** A unit as the factory feed sends it (CSV columns or NDJSON keys). */
export interface UnitInput {
  serial?: unknown;
  imei1?: unknown;
  imei2?: unknown;
  model?: unknown;
  manufacturedOn?: unknown;
  market?: unknown;
}

/** A unit ready to store. */
export interface UnitRow {
  serial: string;
  imei1: string | null;
  imei2: string | null;
  model_code: string;
  manufactured_on: string | null;
  market: string;
  look_alike_key: string;
}

/** What the importer knows of a model to check a unit of it. */
export interface ModelRules {
  identifierRule: IdentifierRule | null;
  modelYear: number;
}

export type RowCheck = { ok: true; row: UnitRow } | { ok: false; reason: string };

const SERIAL = /^[A-Z0-9]+$/;
const IMEI = new RegExp(`^\\d{${IMEI_LENGTH}}$`);
const MARKET = /^[A-Z]{2}$/;

function text(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string" && typeof value !== "number") return null;
  const trimmed = String(value).trim();
  return trimmed === "" ? null : trimmed;
}

/** Why a serial's length does not fit the category's rule, or null when it does. */
function serialLengthProblem(serial: string, rule: IdentifierRule | null): string | null {
  if (serialLengthFits(serial.length, rule)) return null;
  if (rule === null) {
    const { min, max } = UNRULED_SERIAL_LENGTHS;
    return `serial must be ${min} to ${max} characters (got ${serial.length})`;
  }
  return `serial must be ${serialLengths(rule).join(" or ")} characters for this model (got ${serial.length})`;
}

/**
 * Checks one row of the factory feed against the catalogue and our rules, and fills in what the
 * serial itself tells (the manufacture month) when the feed leaves it out.
 *
 * @example
 * checkUnitRow({ serial: "RKXMA000123", model: "NX-P24-128" }, models)
 */
export function checkUnitRow(input: UnitInput, models: ReadonlyMap<string, ModelRules>): RowCheck {
  if (typeof input !== "object" || input === null || Array.isArray(input))
    return { ok: false, reason: "not an object" };
  const serial = text(input.serial)?.toUpperCase();
  if (!serial) return { ok: false, reason: "serial is missing" };
  if (!SERIAL.test(serial)) return { ok: false, reason: "serial may only hold A–Z and 0–9" };
  const modelCode = text(input.model);
  if (!modelCode) return { ok: false, reason: "model is missing" };
  const model = models.get(modelCode);
  if (!model) return { ok: false, reason: `unknown model "${modelCode.slice(0, 64)}"` };
  const lengthProblem = serialLengthProblem(serial, model.identifierRule);
  if (lengthProblem) return { ok: false, reason: lengthProblem };

  const imeiAllowed = model.identifierRule !== null && takesImei(model.identifierRule);
  const imeis: (string | null)[] = [];
  for (const key of ["imei1", "imei2"] as const) {
    const imei = text(input[key]);
    if (imei !== null) {
      if (!imeiAllowed) return { ok: false, reason: `${key} given for a model without IMEI` };
      if (!IMEI.test(imei)) return { ok: false, reason: `${key} must be ${IMEI_LENGTH} digits` };
      if (!isValidImei(imei)) return { ok: false, reason: `${key} fails the Luhn check digit` };
    }
    imeis.push(imei);
  }
  if (imeis[0] === null && imeis[1] !== null) return { ok: false, reason: "imei2 given without imei1" };
  if (imeis[0] !== null && imeis[0] === imeis[1])
    return { ok: false, reason: "imei1 and imei2 are the same" };

  let manufacturedOn = text(input.manufacturedOn);
  if (manufacturedOn !== null && !isValidCalendarDate(manufacturedOn)) {
    return { ok: false, reason: "manufacturedOn must be a date (YYYY-MM-DD)" };
  }
  manufacturedOn ??= decodeSerial(serial, { modelYear: model.modelYear })?.manufacturedOn ?? null;

  const market = text(input.market)?.toUpperCase() ?? "NO";
  if (!MARKET.test(market)) return { ok: false, reason: "market must be a two-letter country code" };

  return {
    ok: true,
    row: {
      serial,
      imei1: imeis[0] ?? null,
      imei2: imeis[1] ?? null,
      model_code: modelCode,
      manufactured_on: manufacturedOn,
      market,
      look_alike_key: lookAlikeKey(serial),
    },
  };
}
