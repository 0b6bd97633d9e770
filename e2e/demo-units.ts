import { demoCatalogue, demoModels } from "../src/cli/demo-data.ts";
import { demoUnit } from "../src/features/units/demo-units.ts";

const DEMO_UNITS = 2000; // DEMO_DATA_UNITS of the e2e servers (playwright.config.ts)

/** The n-th demo unit whose model is in `category` and that passes `accept`: the same on the server. */
export function findDemoUnit(
  category: string,
  accept: (u: { serial: string; imei1?: string; model: string }) => boolean = () => true,
  skip = 0,
) {
  let skipped = 0;
  for (let n = 1; n < DEMO_UNITS; n++) {
    if (n % 500 === 0) continue; // look-alike twins are made for these
    const [unit] = demoUnit(n, demoModels);
    const model = demoModels[n % demoModels.length];
    if (!unit || model?.category !== category) continue;
    const candidate = {
      serial: String(unit.serial),
      model: model.code,
      ...(typeof unit.imei1 === "string" ? { imei1: unit.imei1 } : {}),
    };
    if (!accept(candidate)) continue;
    if (skipped++ < skip) continue;
    const names = demoCatalogue.models.find((m) => m.code === model.code)?.names;
    return { ...candidate, names: names as { nb: string; en: string } };
  }
  throw new Error(`no demo unit of ${category}`);
}
