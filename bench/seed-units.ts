/**
 * What the scale benchmark's fill holds: the plan (how many of each) and the units, taken from the
 * demo unit generator so that both portals hold the same units in the same order.
 */
import { demoCatalogue, demoModels } from "../src/cli/demo-data.ts";
import { demoUnit, demoUnits } from "../src/features/units/demo-units.ts";
import { checkUnitRow, type ModelRules } from "../src/features/units/row.ts";

/** Owners whose pages are measured: readers only read, writers register and claim. */
export const MEASURED = { readers: 200, writers: 400, productsEach: 10 } as const;
export const MEASURED_PRODUCTS = (MEASURED.readers + MEASURED.writers) * MEASURED.productsEach;

export interface SeedPlan {
  units: number;
  owners: number;
  registrations: number;
  claims: number;
  /** Repairs of other owners' products, most of them closed. */
  repairs: number;
  discovered: number;
  /** Registrable units nobody has registered, for the registration measure. */
  spare: number;
}

/** The portal (1 M units and registrations, 100 000 owners, …) times `scale`. */
export function seedPlan(scale: number): SeedPlan {
  const n = (full: number) => Math.max(1, Math.round(full * scale));
  return {
    units: Math.max(n(1_000_000), 30_000),
    owners: Math.max(n(100_000), MEASURED.readers + MEASURED.writers + 100),
    registrations: Math.max(n(1_000_000), MEASURED_PRODUCTS),
    claims: n(50_000),
    repairs: n(100_000),
    discovered: n(100_000),
    spare: 10_000,
  };
}

/** A registrable unit as the fill needs it. */
export interface SeedUnit {
  serial: string;
  imei1: string | null;
  modelCode: string;
  manufacturedOn: string | null;
  points: number;
}

/** Demo unit `n` as stored (normalized by the importer's own row check), or null if refused. */
export function storedUnit(n: number, rules: Map<string, ModelRules>) {
  const [first] = demoUnit(n, demoModels);
  const checked = first ? checkUnitRow(first, rules) : null;
  return checked?.ok ? checked.row : null;
}

/**
 * The registrable units among the first demo units, in generator order, until `wanted` are found
 * or `limit` units were looked at; with how many units that took.
 */
export function registrableUnits(rules: Map<string, ModelRules>, wanted: number, limit: number) {
  const points = new Map(
    demoCatalogue.categories.filter((c) => c.registrable).map((c) => [c.code, c.points]),
  );
  const categoryOf = new Map(demoModels.map((m) => [m.code, m.category]));
  const units: SeedUnit[] = [];
  let looked = 0;
  for (const input of demoUnits(limit, demoModels)) {
    if (units.length >= wanted) break;
    looked++;
    const checked = checkUnitRow(input, rules);
    if (!checked.ok) throw new Error(`demo unit ${String(input.serial)} is invalid: ${checked.reason}`);
    const earned = points.get(categoryOf.get(checked.row.model_code) ?? "");
    if (earned === undefined) continue;
    const { serial, imei1, model_code, manufactured_on } = checked.row;
    units.push({ serial, imei1, modelCode: model_code, manufacturedOn: manufactured_on, points: earned });
  }
  return { units, looked };
}
