import { demoCatalogue } from "../src/cli/demo-data.ts";
import type { Database } from "../src/db/database.ts";
import { completeImei } from "../src/domain/imei.ts";
import { importCatalogue } from "../src/features/catalogue/service.ts";
import { importUnits } from "../src/features/units/import.ts";

/** Units with known identifiers, for tests that register products. */
export const UNITS = {
  phone: { serial: "RK3T3AC0050", imei: completeImei("35209900176148"), model: "NX-P24-128" },
  phone2: { serial: "RK3T3AC0051", imei: completeImei("35209900176149"), model: "NX-P24-128" },
  phone3: { serial: "RK3T3AC0052", imei: completeImei("35209900176150"), model: "NX-P24-128" },
  tv: { serial: "TVH55HAT3C00071", model: "NX-H24-55" },
  fridge: { serial: "RF195HAT3000081", model: "NX-RF24-195" },
  ssd: { serial: "SSD23A000091", model: "NX-SSD23-1T" },
} as const;
export const PHONE_GTIN = "07090010100510";

/** The demo catalogue plus the units above. */
export async function seedCatalogue(database: Database): Promise<void> {
  await importCatalogue(database, demoCatalogue);
  const rows = Object.values(UNITS).map((u) =>
    JSON.stringify({ serial: u.serial, model: u.model, ...("imei" in u ? { imei1: u.imei } : {}) }),
  );
  async function* lines() {
    yield* rows;
  }
  const summary = await importUnits(database, lines(), { format: "ndjson" });
  if (summary.rejected > 0) throw new Error("fixture units were rejected");
}
