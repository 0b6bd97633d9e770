/**
 * Load from a process of its own: autocannon runs in a child process, so the server's event loop
 * (in the benchmark's process or another) serves requests and does nothing else.
 */
import { fork } from "node:child_process";

export interface LoadRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

export interface LoadResult {
  requests: number;
  non2xx: number;
  errors: number;
  /** Answers per second over the whole run. */
  rps: number;
  /** Latency percentiles in milliseconds. */
  p50: number;
  p99: number;
  /** Answers by status class ("2xx", "4xx", …). */
  statuses: Record<string, number>;
  /** The first few bodies of answers that were not 2xx, to say what went wrong. */
  failures: string[];
}

export interface LoadOptions {
  base: string;
  /** Cycled through in order; each is sent once when `once` is set. */
  requests: LoadRequest[];
  connections?: number;
  seconds?: number;
  maxRequests?: number;
  once?: boolean;
  /** At most this many requests a second in all (a steady load rather than the most it takes). */
  rate?: number;
}

/**
 * Runs autocannon in a child process against `base`, bounded by time and by count.
 *
 * @example
 * const result = await runLoad({ base, requests: [{ path: "/healthz" }], seconds: 5 });
 */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const child = fork(new URL("./load-worker.ts", import.meta.url), [], { serialization: "advanced" });
  child.send({
    base: options.base,
    requests: options.requests,
    connections: options.connections ?? 10,
    seconds: options.seconds ?? 5,
    rate: options.rate,
    maxRequests: options.once
      ? Math.min(options.requests.length, options.maxRequests ?? Number.POSITIVE_INFINITY)
      : (options.maxRequests ?? 1_000_000),
  });
  return new Promise((resolve, reject) => {
    child.once("message", (result: LoadResult) => resolve(result));
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code !== 0) reject(new Error(`load process exited with ${code}`));
    });
  });
}

/** Fails with the first bodies when any answer was not 2xx or the connection failed. */
export function assertAllOk(name: string, result: LoadResult): LoadResult {
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(
      `${name}: ${result.non2xx} answers were not 2xx and ${result.errors} failed: ${result.failures.join(" | ")}`,
    );
  }
  return result;
}
