/**
 * The signed-in path at the machine's ceiling: the My Page summary read by many owners against a
 * bare Fastify route doing one indexed read, and registration against a bare route doing one
 * INSERT with a unique key, on the same database, one after the other in the same run. The load
 * comes from a process of its own (bench/load.ts); the app and the bare routes share this process
 * and never run at the same time.
 */
import Fastify from "fastify";
import { sql } from "kysely";
import { demoCatalogue, demoModels } from "../src/cli/demo-data.ts";
import { loadConfig } from "../src/config/config.ts";
import type { Database } from "../src/db/database.ts";
import { importCatalogue } from "../src/features/catalogue/service.ts";
import { demoUnits } from "../src/features/units/demo-units.ts";
import { modelRules, upsertUnits } from "../src/features/units/queries.ts";
import { checkUnitRow } from "../src/features/units/row.ts";
import { buildApp } from "../src/server/app.ts";
import { benchDatabase, benchDialects } from "./databases.ts";
import { assertAllOk, type LoadRequest, runLoad } from "./load.ts";
import { type BenchOwner, benchOwners } from "./sessions.ts";
import { report } from "./support.ts";

const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const ownerCount = Number(process.env.BENCH_OWNERS ?? 200);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const unitCount = Number(process.env.BENCH_UNITS ?? 60_000);
const SUMMARY = process.env.BENCH_SUMMARY_PATH ?? "/api/v1/my-page";

/** Registrable serials of freshly imported demo units. */
async function fillUnits(database: Database): Promise<string[]> {
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

/** One registration request per serial, each from the next owner, as the web app sends it. */
function registrations(owners: BenchOwner[], serials: string[]): LoadRequest[] {
  return serials.map((serial, i) => {
    const owner = owners[i % owners.length] as BenchOwner;
    return {
      method: "POST",
      path: "/api/v1/registrations",
      headers: { "content-type": "application/json", cookie: owner.cookie, "x-csrf-token": owner.csrf },
      body: JSON.stringify({ identifier: serial }),
    };
  });
}

/** A bare Fastify server on the same database: one indexed read, one unique INSERT. */
async function bareServer(database: Database) {
  await sql`create table if not exists bare_registration (serial text primary key, owner_id text not null, created_at text not null)`.execute(
    database.db,
  );
  const bare = Fastify();
  bare.get<{ Params: { id: string } }>("/bare/read/:id", async (request) => {
    const { rows } = await sql<{
      id: string;
      name: string;
    }>`select id, name from "user" where id = ${request.params.id}`.execute(database.db);
    return rows[0] ?? {};
  });
  bare.post<{ Body: { identifier: string } }>("/bare/insert", async (request, reply) => {
    await sql`insert into bare_registration (serial, owner_id, created_at) values (${request.body.identifier}, ${"owner"}, ${new Date().toISOString()})`.execute(
      database.db,
    );
    return reply.status(201).send({ ok: true });
  });
  await bare.listen({ port: 0, host: "127.0.0.1" });
  return { bare, base: `http://127.0.0.1:${(bare.server.address() as { port: number }).port}` };
}

for (const dialect of await benchDialects()) {
  const database = await benchDatabase(dialect, "portal_bench_throughput", true);
  const serials = await fillUnits(database);
  const config = loadConfig({
    DATABASE_URL: "sqlite::memory:",
    LOG_LEVEL: "silent",
    DEMO_MODE: "false",
    LOOKUPS_PER_MINUTE_ACCOUNT: "100000000",
    LOOKUPS_PER_MINUTE_IP: "100000000",
  });
  const owners = await benchOwners(config, database, ownerCount);
  const app = await buildApp({ config, database, logger: false, outboxTimer: false });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const { bare, base: bareBase } = await bareServer(database);

  // Every owner has a few products first, so the summary has something to count.
  const perOwner = 3;
  const seeded = serials.splice(0, owners.length * perOwner);
  assertAllOk(
    "seed",
    await runLoad({ base, requests: registrations(owners, seeded), once: true, connections }),
  );

  const summary = owners.map((o) => ({ path: SUMMARY, headers: { cookie: o.cookie } }));
  const reads = owners.map((o) => ({ path: `/bare/read/${o.userId}` }));
  const load = { connections, seconds };
  await runLoad({ base, requests: summary, ...load, seconds: 2 });
  await runLoad({ base: bareBase, requests: reads, ...load, seconds: 2 });
  const bareRead = assertAllOk("bare read", await runLoad({ base: bareBase, requests: reads, ...load }));
  const ours = assertAllOk("summary", await runLoad({ base, requests: summary, ...load }));
  report({ bench: `throughput-my-page-${dialect}`, value: ours.rps, unit: "req/s", baseline: bareRead.rps });

  const inserts = Array.from({ length: 1_000_000 }, (_, i) => ({
    method: "POST",
    path: "/bare/insert",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ identifier: `BARE${i}` }),
  }));
  const bareInsert = assertAllOk(
    "bare insert",
    await runLoad({ base: bareBase, requests: inserts, ...load, once: true }),
  );
  const registered = assertAllOk(
    "registration",
    await runLoad({ base, requests: registrations(owners, serials), ...load, once: true }),
  );
  report({
    bench: `throughput-registration-${dialect}`,
    value: registered.rps,
    unit: "req/s",
    baseline: bareInsert.rps,
  });
  await app.close();
  await bare.close();
  await database.close();
}
