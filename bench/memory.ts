/**
 * Memory under a steady mixed load (My Page, My products, product pages, registrations, claims)
 * for ten minutes: the portal runs as `npm start` runs it (src/server/main.ts, its timers on) in
 * a process of its own, the load comes from another, and this process reads the server's
 * resident memory every few seconds. The figure is the resident memory at the end against the
 * same after the first minute (when caches and the JIT have settled); goal: at most 1.1, with no
 * error answer. Bounded: BENCH_MEMORY_SECONDS (600) of load at BENCH_MEMORY_RATE requests/s.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../src/config/config.ts";
import { benchDatabase } from "./databases.ts";
import { assertAllOk, type LoadRequest, runLoad } from "./load.ts";
import { claimRequest } from "./scale-requests.ts";
import { type BenchOwner, benchOwners } from "./sessions.ts";
import { report } from "./support.ts";
import { fillUnits } from "./units.ts";

const seconds = Number(process.env.BENCH_MEMORY_SECONDS ?? 600);
const rate = Number(process.env.BENCH_MEMORY_RATE ?? 150);
const settle = Math.min(60, Math.round(seconds / 5));
/** One round of the mix: what a busy portal sees most (reads), some registrations, a claim. */
const ROUND = { reads: 24, registrations: 5, claims: 1 };

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function residentKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
}

async function startServer(env: Record<string, string>, base: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["src/server/main.ts"], {
    env: { ...process.env, ...env },
    stdio: "inherit",
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (
      await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return child;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill();
  throw new Error("the portal did not start within a minute");
}

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const env = {
  DATABASE_URL: "sqlite:data/bench/portal_bench_memory.sqlite",
  PORT: String(port),
  HOST: "127.0.0.1",
  PUBLIC_URL: base,
  AUTH_SECRET: "bench-secret-bench-secret-bench-secret-1",
  NODE_ENV: "production",
  LOG_LEVEL: "warn",
  DEMO_MODE: "false",
  FILES_DIR: mkdtempSync(join(tmpdir(), "portal-memory-files-")),
  LOOKUPS_PER_MINUTE_ACCOUNT: "100000000",
  LOOKUPS_PER_MINUTE_IP: "100000000",
};
const config = loadConfig(env);
const database = await benchDatabase("sqlite", "portal_bench_memory", true);
const serials = await fillUnits(database, 80_000);
const owners = await benchOwners(config, database, 200);
await database.close();

const server = await startServer(env, base);
try {
  const rounds = Math.ceil((seconds * rate * 1.3) / (ROUND.reads + ROUND.registrations + ROUND.claims));
  const needed = rounds * (ROUND.registrations + ROUND.claims);
  if (serials.length < needed)
    throw new Error(`${needed} registrable units are needed, ${serials.length} exist`);
  const owner = (i: number) => owners[i % owners.length] as BenchOwner;

  // The products the claims are made on, registered first (one claim each: a second would be refused).
  const claimed: { owner: BenchOwner; id: string; purchaseDate: string }[] = [];
  for (let i = 0; i < rounds; i++) {
    const who = owner(i);
    const response = await fetch(`${base}/api/v1/registrations`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: who.cookie, "x-csrf-token": who.csrf },
      body: JSON.stringify({ identifier: serials.pop() }),
    });
    if (response.status !== 201)
      throw new Error(`registration failed: ${response.status} ${await response.text()}`);
    const { id } = (await response.json()) as { id: string };
    const page = await fetch(`${base}/api/v1/registrations/${id}`, { headers: { cookie: who.cookie } });
    const { manufacturedOn } = (await page.json()) as { manufacturedOn: string | null };
    claimed.push({ owner: who, id, purchaseDate: manufacturedOn ?? "2025-04-01" });
  }

  const requests: LoadRequest[] = [];
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < ROUND.reads; i++) {
      const who = owner(r * ROUND.reads + i);
      const product = claimed[(r + i) % claimed.length] as (typeof claimed)[number];
      const path = [`/api/v1/my-page`, `/api/v1/registrations`, `/api/v1/registrations/${product.id}`][i % 3];
      const reader = i % 3 === 2 ? product.owner : who;
      requests.push({ path: path as string, headers: { cookie: reader.cookie } });
    }
    for (let i = 0; i < ROUND.registrations; i++) {
      const who = owner(r * ROUND.registrations + i);
      requests.push({
        method: "POST",
        path: "/api/v1/registrations",
        headers: { "content-type": "application/json", cookie: who.cookie, "x-csrf-token": who.csrf },
        body: JSON.stringify({ identifier: serials.pop() }),
      });
    }
    const product = claimed[r] as (typeof claimed)[number];
    requests.push(claimRequest(product.owner, product));
  }

  const samples: { at: number; kb: number }[] = [];
  const started = Date.now();
  const sampler = setInterval(() => {
    samples.push({ at: (Date.now() - started) / 1000, kb: residentKb(server.pid as number) });
  }, 5_000);
  const result = await runLoad({ base, requests, once: true, seconds, rate, connections: 20 });
  clearInterval(sampler);
  samples.push({ at: (Date.now() - started) / 1000, kb: residentKb(server.pid as number) });
  assertAllOk("mixed load", result);
  const afterSettle = samples.find((s) => s.at >= settle) ?? samples[0];
  const last = samples.at(-1);
  if (!afterSettle || !last) throw new Error("no memory sample was taken");
  process.stderr.write(
    `[memory] ${result.requests} requests in ${Math.round(last.at)} s; RSS ${samples.map((s) => Math.round(s.kb / 1024)).join(" ")} MB\n`,
  );
  report({
    bench: "memory-rss-end-vs-first-minute-sqlite",
    value: Math.round(last.kb / 1024),
    unit: "MB",
    baseline: Math.round(afterSettle.kb / 1024),
  });
} finally {
  server.kill("SIGTERM");
}
