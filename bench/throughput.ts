/**
 * The signed-in path at the machine's ceiling: the My Page summary read by many owners against a
 * bare Fastify route doing one indexed read, and registration against a bare route doing one
 * INSERT with a unique key, on the same database, one after the other in the same run. The load
 * comes from a process of its own (bench/load.ts); the app and the bare routes share this process
 * and never run at the same time.
 */
import Fastify from "fastify";
import { sql } from "kysely";
import { loadConfig } from "../src/config/config.ts";
import type { Database } from "../src/db/database.ts";
import { buildApp } from "../src/server/app.ts";
import { benchDatabase, benchDialects } from "./databases.ts";
import { assertAllOk, type LoadRequest, runLoad } from "./load.ts";
import { type BenchOwner, benchOwners } from "./sessions.ts";
import { report } from "./support.ts";
import { fillUnits } from "./units.ts";

const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const ownerCount = Number(process.env.BENCH_OWNERS ?? 200);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const unitCount = Number(process.env.BENCH_UNITS ?? 80_000);
const SUMMARY = process.env.BENCH_SUMMARY_PATH ?? "/api/v1/my-page";
const ROUNDS = 3;
/** `BENCH_ONLY`: the measures to run (my-page, healthz, registration), comma-separated. */
const only = process.env.BENCH_ONLY?.split(",").filter(Boolean);
const runs = (measure: string) => !only || only.includes(measure);
const load = { connections, seconds };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
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
  bare.get("/bare/hello", async () => ({ status: "ok" }));
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
  const serials = await fillUnits(database, unitCount);
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

  if (runs("my-page")) await measureMyPage(dialect, base, bareBase, owners);
  if (runs("healthz")) await measureHealthz(dialect, base, bareBase);
  if (runs("registration")) await measureRegistration(dialect, base, bareBase, owners, serials);
  await app.close();
  await bare.close();
  await database.close();
}

async function measureMyPage(dialect: string, base: string, bareBase: string, owners: BenchOwner[]) {
  const summary = owners.map((o) => ({ path: SUMMARY, headers: { cookie: o.cookie } }));
  const reads = owners.map((o) => ({ path: `/bare/read/${o.userId}` }));
  await runLoad({ base, requests: summary, ...load, seconds: 2 });
  await runLoad({ base: bareBase, requests: reads, ...load, seconds: 2 });
  // Rounds that take turns, so a change in what else the machine does falls on both sides.
  const readFigures = { ours: [] as number[], bare: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    readFigures.bare.push(
      assertAllOk("bare read", await runLoad({ base: bareBase, requests: reads, ...load })).rps,
    );
    readFigures.ours.push(assertAllOk("summary", await runLoad({ base, requests: summary, ...load })).rps);
  }
  report({
    bench: `throughput-my-page-${dialect}`,
    value: median(readFigures.ours),
    unit: "req/s",
    baseline: median(readFigures.bare),
  });
}

async function measureHealthz(dialect: string, base: string, bareBase: string) {
  // The fixed cost of every answer (security headers, hooks, serialisation): /healthz against a
  // bare hello-world route.
  const hello = { ours: [] as number[], bare: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    hello.bare.push(
      assertAllOk(
        "bare hello",
        await runLoad({ base: bareBase, requests: [{ path: "/bare/hello" }], ...load }),
      ).rps,
    );
    hello.ours.push(
      assertAllOk("healthz", await runLoad({ base, requests: [{ path: "/healthz" }], ...load })).rps,
    );
  }
  report({
    bench: `throughput-healthz-${dialect}`,
    value: median(hello.ours),
    unit: "req/s",
    baseline: median(hello.bare),
  });
}

async function measureRegistration(
  dialect: string,
  base: string,
  bareBase: string,
  owners: BenchOwner[],
  serials: string[],
) {
  const inserts = Array.from({ length: 1_000_000 }, (_, i) => ({
    method: "POST",
    path: "/bare/insert",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ identifier: `BARE${i}` }),
  }));
  const writeFigures = { ours: [] as number[], bare: [] as number[] };
  const perRound = Math.floor(serials.length / ROUNDS);
  for (let round = 0; round < ROUNDS; round++) {
    const mine = inserts.slice(round * 300_000, (round + 1) * 300_000);
    writeFigures.bare.push(
      assertAllOk("bare insert", await runLoad({ base: bareBase, requests: mine, ...load, once: true })).rps,
    );
    const batch = serials.slice(round * perRound, (round + 1) * perRound);
    writeFigures.ours.push(
      assertAllOk(
        "registration",
        await runLoad({ base, requests: registrations(owners, batch), ...load, once: true }),
      ).rps,
    );
  }
  report({
    bench: `throughput-registration-${dialect}`,
    value: median(writeFigures.ours),
    unit: "req/s",
    baseline: median(writeFigures.bare),
  });
}
