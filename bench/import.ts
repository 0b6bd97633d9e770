/**
 * Factory-feed import into each database: our importer (streamed from an NDJSON file, every row
 * checked, upserted in batches) against the raw batched INSERT of the same rows, already parsed,
 * into an empty table of the same shape, in the same run.
 */
import { createReadStream, mkdirSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { CompiledQuery, sql } from "kysely";
import { demoCatalogue, demoModels } from "../src/cli/demo-data.ts";
import { importCatalogue } from "../src/features/catalogue/service.ts";
import { demoUnits } from "../src/features/units/demo-units.ts";
import { importUnits } from "../src/features/units/import.ts";
import { modelRules, UNIT_COLUMNS } from "../src/features/units/queries.ts";
import { checkUnitRow, type UnitRow } from "../src/features/units/row.ts";
import { benchDatabase, benchDialects } from "./databases.ts";
import { report, round } from "./support.ts";

const units = Number(process.env.BENCH_UNITS ?? 1_000_000);
mkdirSync("data/bench", { recursive: true });
const file = `data/bench/units-${units}.ndjson`;
const lines: string[] = [];
for (const unit of demoUnits(units, demoModels)) lines.push(JSON.stringify(unit));
writeFileSync(file, `${lines.join("\n")}\n`);
process.stderr.write(`[bench] ${lines.length.toLocaleString("en")} units in ${file}\n`);

for (const dialect of await benchDialects()) {
  const database = await benchDatabase(dialect, "portal_bench_import", true);
  await importCatalogue(database, demoCatalogue);

  const started = performance.now();
  const summary = await importUnits(database, createInterface({ input: createReadStream(file) }), {
    format: "ndjson",
  });
  const ours = summary.rows / ((performance.now() - started) / 1000);
  if (summary.rejected > 0) throw new Error(`${summary.rejected} rows rejected`);

  // Baseline: the same rows, parsed and checked beforehand, plain INSERTs in batches of the same
  // size into an empty copy of the table (same indexes), one transaction per batch.
  const rules = await modelRules(database.db);
  const rows: UnitRow[] = lines.map((l) => {
    const checked = checkUnitRow(JSON.parse(l), rules);
    if (!checked.ok) throw new Error(checked.reason);
    return checked.row;
  });
  await sql`create table raw_unit as select * from unit where 1 = 0`.execute(database.db);
  await sql`create unique index raw_unit_serial on raw_unit (serial)`.execute(database.db);
  await sql`create unique index raw_unit_imei1 on raw_unit (imei1)`.execute(database.db);
  await sql`create unique index raw_unit_imei2 on raw_unit (imei2)`.execute(database.db);
  await sql`create index raw_unit_key on raw_unit (look_alike_key)`.execute(database.db);
  const batchSize = dialect === "postgres" ? 5000 : 2000;
  const rawStarted = performance.now();
  for (let i = 0; i < rows.length; i += batchSize) {
    const batch = rows.slice(i, i + batchSize);
    const tuple = dialect === "postgres" ? null : `(${UNIT_COLUMNS.map(() => "?").join(", ")})`;
    const query =
      dialect === "postgres"
        ? CompiledQuery.raw(
            `insert into raw_unit select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[], $6::text[], $7::text[])`,
            UNIT_COLUMNS.map((c) => batch.map((r) => r[c])),
          )
        : CompiledQuery.raw(
            `insert into raw_unit values ${Array(batch.length).fill(tuple).join(", ")}`,
            batch.flatMap((r) => UNIT_COLUMNS.map((c) => r[c])),
          );
    await database.db.transaction().execute((trx) => trx.executeQuery(query));
  }
  const raw = rows.length / ((performance.now() - rawStarted) / 1000);
  report({ bench: `import-units-${dialect}`, value: round(ours), unit: "rows/s", baseline: round(raw) });
  await database.close();
}
