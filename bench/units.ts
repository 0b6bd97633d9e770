import { demoCatalogue, demoModels } from "../src/cli/demo-data.ts";
import type { Database } from "../src/db/database.ts";
import { importCatalogue } from "../src/features/catalogue/service.ts";
import { demoUnits } from "../src/features/units/demo-units.ts";
import { modelRules, upsertUnits } from "../src/features/units/queries.ts";
import { checkUnitRow } from "../src/features/units/row.ts";

/** The demo catalogue and `unitCount` demo units; returns the serials of the registrable ones. */
export async function fillUnits(database: Database, unitCount: number): Promise<string[]> {
  await importCatalogue(database, demoCatalogue);
  const rules = await modelRules(database.db);
  const registrable = new Set(demoCatalogue.categories.filter((c) => c.registrable).map((c) => c.code));
  const serials: string[] = [];
  let batch = [];
  for (const input of demoUnits(unitCount, demoModels)) {
    const checked = checkUnitRow(input, rules);
    if (!checked.ok) continue;
    const category = demoModels.find((m) => m.code === checked.row.model_code)?.category ?? "";
    if (registrable.has(category)) serials.push(checked.row.serial);
    batch.push(checked.row);
    if (batch.length >= 2000) {
      await upsertUnits(database, database.db, batch);
      batch = [];
    }
  }
  await upsertUnits(database, database.db, batch);
  return serials;
}
