/**
 * A manufacturer's scale (issues 12, 13 and 14): the owner's pages, the identifier check, a
 * registration, a claim, the reviewer's queue, customer service's search, the owner's repair page, a repair request, a
 * service partner's status event and a partner's warranty look-up of 100 serials, each at p50 and p99, on a portal
 * holding 1 000 000 units and registrations, 100 000 owners, 50 000 claims, 100 000 repairs and 100 000 discovered
 * devices, against the same on a nearly empty portal in the same run. The filled database is kept (data/bench, or the
 * PostgreSQL database portal_bench_scale) and reused while its fill version matches, so a rerun
 * measures at once; `BENCH_RESEED=1` fills it again. `BENCH_SCALE` scales the fill (0.05 for a
 * quick trial), `BENCH_SECONDS` is each measure's length, `BENCH_ROUNDS` how often each is
 * measured on both portals in turn (the median is printed), `BENCH_CONNECTIONS` the load's
 * connections, `BENCH_ONLY` the measures to run (their names, comma-separated, `reminders` for the run). Then `/healthz` and My Page are measured during a reminder run over every active
 * registration, against the same idle. The app listens on loopback in this process; the load
 * comes from a process of its own (bench/load.ts).
 */
import { rmSync } from "node:fs";
import { sql } from "kysely";
import { type Config, loadConfig } from "../src/config/config.ts";
import type { Database } from "../src/db/database.ts";
import { systemClock } from "../src/domain/clock.ts";
import { issuePartnerKey } from "../src/features/repairs/network.ts";
import { createLookupClient } from "../src/features/warranty-lookup/service.ts";
import { buildApp } from "../src/server/app.ts";
import { benchDatabase, benchDialects } from "./databases.ts";
import { assertAllOk, type LoadResult, runLoad } from "./load.ts";
import { measureDuringReminders } from "./scale-reminders.ts";
import { type Measure, type MeasuredPortal, scaleMeasures } from "./scale-requests.ts";
import { StatementRecorder } from "./scale-statements.ts";
import {
  FIRST,
  fillPortal,
  forgetRunWrites,
  LAST,
  measuredPeople,
  readSeedMarker,
  SEED_PASSWORD,
  seedAccounts,
  seedEmail,
  seedSessions,
  unitsToAsk,
  writeSeedMarker,
} from "./seed.ts";
import { repairableCategory, requestFor } from "./seed-repairs.ts";
import { type SeedPlan, seedPlan } from "./seed-units.ts";
import { benchSignIn, report } from "./support.ts";

const scale = Number(process.env.BENCH_SCALE ?? 1);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const reseed = process.env.BENCH_RESEED === "1";
/** Names of the measures to run (comma-separated, e.g. `registration,review-queue`); all when unset. */
const only = process.env.BENCH_ONLY?.split(",").filter(Boolean);
/** Records what the app reads during each measure on the full portal, to find the slow statements. */
const recorder = new StatementRecorder();
/** The kept portal; a trial at another scale keeps its own, so it never replaces the full one. */
const FULL = scale === 1 ? "portal_bench_scale" : `portal_bench_scale_${String(scale).replace(/\W/g, "_")}`;
const EMPTY = "portal_bench_scale_empty";

/** The app's settings for a benchmark: look-up limits out of the way, proofs kept apart per portal. */
function benchConfig(filesDir: string): Config {
  return loadConfig({
    DATABASE_URL: "sqlite::memory:",
    LOG_LEVEL: "silent",
    DEMO_MODE: "false",
    AUTH_SECRET: "scale-benchmark-secret-of-at-least-32-characters",
    FILES_DIR: filesDir,
    LOOKUPS_PER_MINUTE_ACCOUNT: "100000000",
    LOOKUPS_PER_MINUTE_IP: "100000000",
    SIGN_IN_ATTEMPTS_PER_MINUTE: "1000",
  });
}

/** Planner statistics, as PostgreSQL's autovacuum would have gathered them on a live portal. */
async function gatherStatistics(database: Database): Promise<void> {
  if (database.dialect === "postgres") await sql`analyze`.execute(database.db);
}

/** The kept full portal: reused when it holds this fill, else filled again (minutes at scale 1). */
async function fullPortal(dialect: "sqlite" | "postgres", plan: SeedPlan, config: Config) {
  let database = await benchDatabase(dialect, FULL, reseed, { onQuery: recorder.record });
  const marker = await readSeedMarker(database, plan);
  if (marker) {
    process.stderr.write(
      `[bench] ${dialect}: reusing the portal filled ${marker.seededAt.toISOString()} (fill took ${marker.seconds} s)\n`,
    );
    await forgetRunWrites(database, marker.seededAt);
    return { database, fillSeconds: marker.seconds };
  }
  if (!reseed) {
    await database.close();
    database = await benchDatabase(dialect, FULL, true, { onQuery: recorder.record });
  }
  process.stderr.write(`[bench] ${dialect}: filling ${JSON.stringify(plan)}\n`);
  const started = performance.now();
  const seededAt = await fillPortal(database, config, plan, true);
  await gatherStatistics(database);
  const fillSeconds = Math.round((performance.now() - started) / 100) / 10;
  await writeSeedMarker(database, plan, seededAt, fillSeconds);
  process.stderr.write(`[bench] ${dialect}: filled in ${fillSeconds} s\n`);
  return { database, fillSeconds };
}

/** The nearly empty portal: filled afresh on every run (seconds). */
async function emptyPortal(dialect: "sqlite" | "postgres", plan: SeedPlan, config: Config) {
  const database = await benchDatabase(dialect, EMPTY, true, { onQuery: recorder.record });
  await fillPortal(database, config, plan, false);
  await gatherStatistics(database);
  return { database };
}

/** The unit count a portal holds (the identifier check asks across all of them). */
async function unitCount(database: Database): Promise<number> {
  const row = await database.db
    .selectFrom("unit")
    .select(sql<number>`count(*)`.as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The app on a filled portal, listening on loopback, with the measured people signed in. */
async function startPortal(database: Database, config: Config, plan: SeedPlan) {
  rmSync(config.filesDir, { recursive: true, force: true });
  const app = await buildApp({ config, database, logger: false, outboxTimer: false });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const people = await measuredPeople(database);
  const readers = await seedSessions(config, database, people.readers);
  const writers = await seedSessions(config, database, people.writers);
  await checkSessions(base, [...readers, ...writers]);
  // The reviewer signs in through better-auth, which proves the fill's shared password hash.
  const reviewer = await benchSignIn(base, config.publicUrl, seedEmail.reviewer, SEED_PASSWORD);
  const { spare, spread } = await unitsToAsk(database, plan, await unitCount(database));
  const [agent] = await seedSessions(config, database, [await agentId(database, config)]);
  if (!agent) throw new Error("no session for the agent");
  const today = new Date().toISOString().slice(0, 10);
  const portal: MeasuredPortal = {
    readers,
    writers,
    reviewerCookie: reviewer.cookie,
    agentCookie: agent.cookie,
    searchTerms: searchTerms(plan, spread),
    readerProducts: people.readers.map((id) => people.productsOf(id).map((p) => p.id)),
    writerProducts: people.writers.map((id) =>
      people
        .productsOf(id)
        .filter((p) => !p.manufactured_on || p.manufactured_on <= today)
        .map((p) => ({ id: p.id, purchaseDate: p.manufactured_on ?? "2025-04-01" })),
    ),
    spare,
    spread,
    readerRepairs: people.readers.map((id) => people.repairsOf(id)),
    writerRepairables: people.writers.map((id) =>
      people.productsOf(id).flatMap((p) => {
        const category = repairableCategory(p.model_code);
        return category ? [{ id: p.id, body: requestFor(category) }] : [];
      }),
    ),
    jobs: people.jobs,
    partnerKey: (await issuePartnerKey(database, systemClock, "ostlandet-service")).key,
    lookupKey: (
      await createLookupClient(database, systemClock, { name: "scale benchmark", perMinute: 1_000_000 })
    ).key,
  };
  return { app, base, portal };
}

/** The customer-service agent who searches: made on the first run of a kept portal, then found again. */
async function agentId(database: Database, config: Config): Promise<string> {
  const found = await database.db
    .selectFrom("user")
    .select("id")
    .where("email", "=", seedEmail.agent)
    .executeTakeFirst();
  if (found) return found.id;
  const [id] = await seedAccounts(database, config, [{ email: seedEmail.agent, role: "agent" }], new Date());
  if (!id) throw new Error("the agent was not made");
  return id;
}

/** A serial as an owner might read it out: the first 0 typed as O (or 1 as I), as the search must fold. */
function misread(serial: string): string {
  return serial.includes("0") ? serial.replace("0", "O") : serial.replace("1", "I");
}

/**
 * What an agent types in the search box, in turn: an owner's e-mail (most are on the full portal
 * only), a serial from across the registry misread by one look-alike, the start of a name (20 of
 * hundreds on the full portal), and a measured owner's e-mail.
 */
function searchTerms(plan: SeedPlan, spread: string[]): string[] {
  return Array.from({ length: 400 }, (_, i) => {
    switch (i % 4) {
      case 0:
        return seedEmail.other((i * 37) % plan.owners);
      case 1:
        return misread(spread[i % spread.length] ?? "TVH5500000001");
      case 2:
        return `${FIRST[i % FIRST.length]} ${(LAST[i % LAST.length] ?? "H").slice(0, 2)}`;
      default:
        return seedEmail.reader(i % 200);
    }
  });
}

/** Every seeded session is one the app knows: `GET /api/v1/session` names its owner. */
async function checkSessions(base: string, owners: { userId: string; cookie: string }[]): Promise<void> {
  for (let i = 0; i < owners.length; i += 20) {
    await Promise.all(
      owners.slice(i, i + 20).map(async (owner) => {
        const response = await fetch(`${base}/api/v1/session`, { headers: { cookie: owner.cookie } });
        const body = (await response.json()) as { user: { id: string } | null };
        if (body.user?.id !== owner.userId)
          throw new Error(`a seeded session was not accepted: ${JSON.stringify(body)}`);
      }),
    );
  }
}

/** A short warm-up of a measure; any error answer fails the run. */
async function warmUp(base: string, m: Measure): Promise<void> {
  assertAllOk(
    `${m.name} (warm-up)`,
    await runLoad({ base, requests: m.warmup, connections, seconds: 1, once: m.once }),
  );
}

/** Round `round` of a measure: all its requests, or its share of those sent once. */
async function measureRound(base: string, m: Measure, round: number): Promise<LoadResult> {
  const share = Math.floor(m.requests.length / rounds);
  const requests = m.once ? m.requests.slice(round * share, (round + 1) * share) : m.requests;
  return assertAllOk(m.name, await runLoad({ base, requests, connections, seconds, once: m.once }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const figures = (results: LoadResult[]) =>
  results.map((r) => `${r.rps} req/s p50 ${r.p50} p99 ${r.p99}`).join(" | ");

for (const dialect of await benchDialects()) {
  const plan = seedPlan(scale);
  const fullConfig = benchConfig(`data/bench/files-${dialect}-full`);
  const emptyConfig = benchConfig(`data/bench/files-${dialect}-empty`);
  const full = await fullPortal(dialect, plan, fullConfig);
  const empty = await emptyPortal(dialect, plan, emptyConfig);
  const portals = {
    empty: await startPortal(empty.database, emptyConfig, plan),
    full: await startPortal(full.database, fullConfig, plan),
  };
  const emptyMeasures = scaleMeasures(portals.empty.portal);
  const fullMeasures = scaleMeasures(portals.full.portal);
  for (const [i, m] of fullMeasures.entries()) {
    if (only && !only.includes(m.name)) continue;
    const e = emptyMeasures[i] as Measure;
    await warmUp(portals.empty.base, e);
    await warmUp(portals.full.base, m);
    // Rounds alternate between the portals, so that a busy moment of the machine hits both alike.
    const results = { empty: [] as LoadResult[], full: [] as LoadResult[] };
    for (let round = 0; round < rounds; round++) {
      results.empty.push(await measureRound(portals.empty.base, e, round));
      recorder.recordAs(m.name);
      results.full.push(await measureRound(portals.full.base, m, round));
      recorder.recordAs(null);
    }
    process.stderr.write(
      `[bench] ${dialect} ${m.name}: empty ${figures(results.empty)}; full ${figures(results.full)}\n`,
    );
    for (const p of ["p50", "p99"] as const) {
      const value = median(results.full.map((r) => r[p]));
      const baseline = median(results.empty.map((r) => r[p]));
      report({ bench: `scale-${dialect}-${m.name}-${p}`, value, unit: "ms", baseline });
    }
    const requests = results.full.reduce((n, r) => n + r.requests, 0);
    for (const slow of await recorder.slowStatements(full.database, m.name, requests)) {
      process.stderr.write(
        `[bench] ${dialect} ${m.name}: ${slow.ms.toFixed(1)} ms, ${slow.perRequest.toFixed(2)} per request: ${slow.sql}\n  ${slow.plan.replaceAll("\n", "\n  ")}\n`,
      );
    }
  }
  if (only && !only.includes("reminders")) {
    for (const { app } of Object.values(portals)) await app.close();
    await empty.database.close();
    await full.database.close();
    continue;
  }
  const reminders = await measureDuringReminders({
    database: full.database,
    config: fullConfig,
    base: portals.full.base,
    myPage: (fullMeasures[0] as Measure).requests,
    rounds,
    seconds,
    connections,
  });
  process.stderr.write(
    `[bench] ${dialect} reminder run: ${reminders.run.visited.toLocaleString("en")} registrations in ${reminders.run.batches} batches, ${reminders.run.queued} mails, ${reminders.run.seconds} s${reminders.run.finished ? "" : " (stopped after the rounds)"}; ${reminders.roundsDuring} rounds measured during it\n`,
  );
  report({
    bench: `scale-${dialect}-healthz-during-reminders-p99`,
    value: reminders.during.healthz,
    unit: "ms",
    baseline: reminders.idle.healthz,
  });
  report({
    bench: `scale-${dialect}-my-page-during-reminders-p99`,
    value: reminders.during.myPage,
    unit: "ms",
    baseline: reminders.idle.myPage,
  });
  for (const { app } of Object.values(portals)) await app.close();
  await empty.database.close();
  await full.database.close();
}
