/**
 * Authenticated registration through the whole path (bearer session, validation, registry
 * look-up, insert, points, audit) against a bare Fastify route doing one INSERT with a unique key
 * into the same database, measured one after the other in this process, on each database.
 */
import autocannon from "autocannon";
import Fastify from "fastify";
import { sql } from "kysely";
import { demoCatalogue, demoModels } from "../src/cli/demo-data.ts";
import { loadConfig } from "../src/config/config.ts";
import { importCatalogue } from "../src/features/catalogue/service.ts";
import { APP_CONSENT_VERSION } from "../src/features/registration/service.ts";
import { demoUnits } from "../src/features/units/demo-units.ts";
import { modelRules, upsertUnits } from "../src/features/units/queries.ts";
import { checkUnitRow } from "../src/features/units/row.ts";
import { benchDatabase, benchDialects } from "./databases.ts";
import { report, round, startBenchApp } from "./support.ts";

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const unitCount = Number(process.env.BENCH_UNITS ?? 40_000);

/** Runs `seconds` of POSTs with a fresh body for each request; returns requests/s of 2xx answers. */
async function postRate(url: string, headers: Record<string, string>, bodies: string[]): Promise<number> {
  let next = 0;
  const started = performance.now();
  const result = await autocannon({
    url,
    method: "POST",
    connections: 10,
    duration: seconds,
    maxOverallRequests: bodies.length,
    headers: { "content-type": "application/json", ...headers },
    requests: [{ setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }) }],
  });
  if (result.non2xx > 0) throw new Error(`${url}: ${result.non2xx} answers were not 2xx`);
  return result["2xx"] / ((performance.now() - started) / 1000);
}

for (const dialect of await benchDialects()) {
  const database = await benchDatabase(dialect, "portal_bench_registration", true);
  await importCatalogue(database, demoCatalogue);
  const rules = await modelRules(database.db);
  const categories = new Map(demoCatalogue.categories.map((c) => [c.code, c]));
  const serials: string[] = [];
  let batch = [];
  for (const input of demoUnits(unitCount, demoModels)) {
    const checked = checkUnitRow(input, rules);
    if (!checked.ok) continue;
    const category = demoModels.find((m) => m.code === checked.row.model_code)?.category ?? "";
    if (categories.get(category)?.registrable) serials.push(checked.row.serial);
    batch.push(checked.row);
    if (batch.length >= 2000) {
      const rows = batch;
      batch = [];
      await upsertUnits(database, database.db, rows);
    }
  }
  await upsertUnits(database, database.db, batch);

  const config = loadConfig({
    DATABASE_URL: "sqlite::memory:",
    LOG_LEVEL: "silent",
    DEMO_MODE: "false",
    LOOKUPS_PER_MINUTE_ACCOUNT: "100000000",
    LOOKUPS_PER_MINUTE_IP: "100000000",
  });
  const { app, base, token } = await startBenchApp(config, database);
  // A bearer client is the members app, which asks for the owner's consent once.
  await fetch(`${base}/api/v1/app/consent`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ textVersion: APP_CONSENT_VERSION }),
  });

  // The baseline: one INSERT with a unique key, same database, same request shape.
  await sql`create table bare_registration (serial text primary key, created_at text not null)`.execute(
    database.db,
  );
  const bare = Fastify();
  bare.post("/bare", async (request, reply) => {
    const { identifier } = request.body as { identifier: string };
    await sql`insert into bare_registration (serial, created_at) values (${identifier}, ${new Date().toISOString()})`.execute(
      database.db,
    );
    return reply.status(201).send({ ok: true });
  });
  await bare.listen({ port: 0, host: "127.0.0.1" });
  const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}/bare`;

  const half = Math.floor(serials.length / 2);
  const warm = serials.slice(0, 200).map((s) => JSON.stringify({ identifier: s }));
  await postRate(`${base}/api/v1/registrations`, { authorization: `Bearer ${token}` }, warm);
  const baseline = await postRate(
    bareUrl,
    {},
    // Keys of its own, as many as it can take in the time (not limited by the units we have).
    Array.from({ length: 400_000 }, (_, i) => JSON.stringify({ identifier: `BARE${i}` })),
  );
  const ours = await postRate(
    `${base}/api/v1/registrations`,
    { authorization: `Bearer ${token}` },
    serials.slice(200, half + 200).map((s) => JSON.stringify({ identifier: s })),
  );
  report({ bench: `registration-${dialect}`, value: round(ours), unit: "req/s", baseline: round(baseline) });
  await app.close();
  await bare.close();
  await database.close();
}
