/**
 * The authenticated My information read (session look-up, profile query, serialisation) against
 * a bare Fastify hello-world route, both on loopback in this process, measured one after the other.
 */
import { rmSync } from "node:fs";
import Fastify from "fastify";
import { loadConfig } from "../src/config/config.ts";
import { openDatabase } from "../src/db/database.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { report, requestsPerSecond, round, startBenchApp } from "./support.ts";

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const databaseUrl = process.env.BENCH_DATABASE_URL ?? "sqlite:data/bench/my-information.sqlite";
if (databaseUrl.startsWith("sqlite:")) rmSync(databaseUrl.slice(7), { force: true });

const bare = Fastify();
bare.get("/hello", async () => ({ hello: "world" }));
await bare.listen({ port: 0, host: "127.0.0.1" });
const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}/hello`;

const config = loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: "silent", DEMO_MODE: "false", PORT: "0" });
const database = await openDatabase(config.databaseUrl);
await migrateToLatest(database);
const { app, base, cookie } = await startBenchApp(config, database);

// Warm both up, then measure.
await requestsPerSecond(bareUrl, { seconds: 1 });
await requestsPerSecond(`${base}/api/v1/me`, { headers: { cookie }, seconds: 1 });
const baseline = await requestsPerSecond(bareUrl, { seconds });
const value = await requestsPerSecond(`${base}/api/v1/me`, { headers: { cookie }, seconds });

report({
  bench: `my-information-read-${database.dialect}`,
  value: round(value),
  unit: "req/s",
  baseline: round(baseline),
});
await app.close();
await bare.close();
await database.close();
