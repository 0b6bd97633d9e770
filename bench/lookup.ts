/**
 * Look-ups in a registry of BENCH_UNITS units (default 10 million): exact serial, look-alike
 * ("did you mean") and IMEI, through our service code, p50 and p99. The baseline is the same
 * primary-key probe through the bare driver in the same run. The registry is built once per size
 * and kept under data/bench (SQLite) or in the database portal_bench_lookup_<size> (PostgreSQL).
 */
import { sql } from "kysely";
import { demoCatalogue, demoModels } from "../src/cli/demo-data.ts";
import type { Database } from "../src/db/database.ts";
import { importCatalogue } from "../src/features/catalogue/service.ts";
import { demoUnit } from "../src/features/units/demo-units.ts";
import { findUnitByImei, modelRules, upsertUnits } from "../src/features/units/queries.ts";
import { checkUnitRow, type UnitRow } from "../src/features/units/row.ts";
import { lookUpSerial } from "../src/features/units/service.ts";
import { benchDatabase, benchDialects, percentile } from "./databases.ts";
import { report } from "./support.ts";

const units = Number(process.env.BENCH_UNITS ?? 10_000_000);
const probes = Number(process.env.BENCH_PROBES ?? 20_000);

async function ensureRegistry(database: Database) {
  // The portal never counts its whole registry; the benchmark does, to know whether it is built.
  const { have } = await database.db
    .selectFrom("unit")
    .select(sql<number>`count(*)`.as("have"))
    .executeTakeFirstOrThrow();
  if (Number(have) >= units) return;
  await importCatalogue(database, demoCatalogue);
  const rules = await modelRules(database.db);
  const started = performance.now();
  let batch: UnitRow[] = [];
  for (let n = 0; n < units; n++) {
    for (const input of demoUnit(n, demoModels, 2026)) {
      const checked = checkUnitRow(input, rules);
      if (checked.ok) batch.push(checked.row);
    }
    if (batch.length >= 2000) {
      const rows = batch;
      batch = [];
      await database.db.transaction().execute((trx) => upsertUnits(database, trx, rows));
    }
    if (n % 500_000 === 0 && n > 0) {
      process.stderr.write(
        `[bench] ${database.dialect}: ${n.toLocaleString("en")} units, ${Math.round(n / ((performance.now() - started) / 1000))} units/s\n`,
      );
    }
  }
  if (batch.length > 0) await database.db.transaction().execute((trx) => upsertUnits(database, trx, batch));
  if (database.dialect === "postgres") await sql`analyze unit`.execute(database.db);
}

async function timeEach<T>(
  items: T[],
  fn: (item: T) => Promise<unknown>,
): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  for (const item of items) {
    const t = performance.now();
    await fn(item);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;

for (const dialect of await benchDialects()) {
  const database = await benchDatabase(dialect, `portal_bench_lookup_${units}`, false);
  await ensureRegistry(database);
  const picks = Array.from(
    { length: probes },
    (_, i) => demoUnit(Math.floor(((i * 7919) % probes) * (units / probes)), demoModels, 2026)[0],
  );
  const serials = picks.map((u) => String(u?.serial));
  const imeis = picks.map((u) => u?.imei1).filter((v): v is string => typeof v === "string");
  // A typed serial with a look-alike letter in place of a digit: not found, the key finds it.
  const typos = serials
    .map((s) => s.replace(/0(?=[^0]*$)/, "O").replace(/5(?=[^5]*$)/, "S"))
    .filter((t, i) => t !== serials[i]);

  // Baseline: the primary-key probe through the bare driver.
  let probe: (serial: string) => Promise<unknown>;
  if (dialect === "sqlite") {
    const { DatabaseSync } = await import("node:sqlite");
    const raw = new DatabaseSync(database.location, { readOnly: true });
    const stmt = raw.prepare(
      "select serial, imei1, imei2, model_code, manufactured_on, market from unit where serial = ?",
    );
    probe = async (s) => stmt.get(s);
  } else {
    const pg = (await import("pg")).default;
    const client = new pg.Client({
      connectionString:
        process.env.BENCH_POSTGRES_URL?.replace(/\/[^/]*$/, `/portal_bench_lookup_${units}`) ??
        `postgres://postgres@127.0.0.1:5432/portal_bench_lookup_${units}`,
    });
    await client.connect();
    probe = (s) =>
      client.query({
        name: "probe",
        text: "select serial, imei1, imei2, model_code, manufactured_on, market from unit where serial = $1",
        values: [s],
      });
  }
  await timeEach(serials.slice(0, 1000), probe);
  await timeEach(serials.slice(0, 1000), (s) => lookUpSerial(database.db, s));
  const base = await timeEach(serials, probe);
  const exact = await timeEach(serials, (s) => lookUpSerial(database.db, s));
  const lookAlike = await timeEach(typos, (s) => lookUpSerial(database.db, s));
  const imei = await timeEach(imeis, (s) => findUnitByImei(database.db, s));
  let suggested = 0;
  for (const typo of typos.slice(0, 200))
    if ((await lookUpSerial(database.db, typo)).candidates.length > 0) suggested++;
  process.stderr.write(
    `[bench] ${dialect}: ${units.toLocaleString("en")} units; ${suggested} of 200 look-alike probes got a suggestion\n`,
  );
  for (const [name, r] of [
    ["exact", exact],
    ["look-alike", lookAlike],
    ["imei", imei],
  ] as const) {
    report({
      bench: `lookup-${name}-p50-${dialect}`,
      value: round3(r.p50),
      unit: "ms",
      baseline: round3(base.p50),
    });
    report({
      bench: `lookup-${name}-p99-${dialect}`,
      value: round3(r.p99),
      unit: "ms",
      baseline: round3(base.p99),
    });
  }
  await database.close();
}
