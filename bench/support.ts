import type { Config } from "../src/config/config.ts";
import type { Database } from "../src/db/database.ts";
import { createAuth } from "../src/features/accounts/auth.ts";
import { createVerifiedUser } from "../src/features/accounts/service.ts";
import { buildApp } from "../src/server/app.ts";
import { assertAllOk, runLoad } from "./load.ts";

/** One line of JSON per benchmark, so runs can be compared by a script. */
export interface BenchResult {
  bench: string;
  value: number;
  unit: string;
  baseline: number;
  ratio: number;
}

export function report(result: Omit<BenchResult, "ratio">): BenchResult {
  const full = { ...result, ratio: round(result.value / result.baseline, 3) };
  process.stdout.write(`${JSON.stringify(full)}\n`);
  return full;
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/**
 * Requests per second against a URL on loopback, the load sent from a process of its own
 * (bench/load.ts): bounded by time (seconds) and by count, so a benchmark always stops by itself.
 */
export async function requestsPerSecond(
  url: string,
  options: {
    headers?: Record<string, string>;
    seconds?: number;
    connections?: number;
    maxRequests?: number;
  } = {},
): Promise<number> {
  const { origin, pathname, search } = new URL(url);
  const result = await runLoad({
    base: origin,
    requests: [{ path: pathname + search, headers: options.headers ?? {} }],
    connections: options.connections ?? 10,
    seconds: options.seconds ?? 5,
    maxRequests: options.maxRequests ?? 500_000,
  });
  return assertAllOk(url, result).rps;
}

/**
 * The whole app listening on loopback with a verified customer signed in: what every HTTP
 * benchmark measures against its baseline.
 */
export async function startBenchApp(config: Config, database: Database) {
  const email = `bench-${Date.now()}@example.com`;
  const password = "bench password 1";
  await createVerifiedUser(createAuth(config, database), database, { email, role: "customer", password });
  const app = await buildApp({ config, database, logger: false, outboxTimer: false });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  return { app, base, ...(await benchSignIn(base, config.publicUrl, email, password)) };
}

/** Signs a verified bench user in against a running app; returns the cookie and the bearer token. */
export async function benchSignIn(base: string, origin: string, email: string, password: string) {
  const response = await fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return { cookie, token: response.headers.get("set-auth-token") ?? "" };
}
