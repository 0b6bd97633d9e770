import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Database } from "../../db/database.ts";
import { toInstant } from "../../db/tables.ts";
import type { Clock } from "../../domain/clock.ts";
import { claimLease, dropLease, findLease } from "./queries.ts";

/**
 * Background jobs (reminders, sweeps) run on one app instance at a time: each run takes a lease
 * in the database, renews it between its steps and gives it up at the end. A lease that is not
 * renewed runs out after `ttlMs`, so a crashed instance holds a job up for at most that long.
 */

/** The lease a running job holds. */
export interface Lease {
  readonly holder: string;
  /**
   * Extends the lease by its time to live. False when it ran out and another holder took it:
   * the job must stop, since that holder is doing the same work.
   */
  renew(): Promise<boolean>;
}

export type LeasedRun<T> =
  | { held: true; value: T }
  | { held: false; holder: string | null; until: string | null };

/** Names each run on its own, so two runs in one process are two holders as well. */
function newHolder(): string {
  return `${hostname()}:${process.pid}:${randomUUID()}`;
}

/**
 * Runs `work` while holding the lease on `job.name`, or not at all when another holder has it.
 * The lease is given up when `work` ends, however it ends.
 *
 * @example
 * const run = await withLease(database, clock, { name: "warranty-reminders", ttlMs: 300_000 }, async (lease) => {
 *   for (const batch of batches) { if (!(await lease.renew())) break; await handle(batch); }
 * });
 * if (!run.held) log.info({ holder: run.holder }, "another instance runs it");
 */
export async function withLease<T>(
  database: Database,
  clock: Clock,
  job: { name: string; ttlMs: number; holder?: string },
  work: (lease: Lease) => Promise<T>,
): Promise<LeasedRun<T>> {
  const holder = job.holder ?? newHolder();
  const claim = () => {
    const now = clock.now();
    return claimLease(database.db, job.name, holder, now, new Date(now.getTime() + job.ttlMs));
  };
  if (!(await claim())) {
    const other = await findLease(database.db, job.name);
    return { held: false, holder: other?.holder ?? null, until: other ? toInstant(other.expires_at) : null };
  }
  try {
    return { held: true, value: await work({ holder, renew: claim }) };
  } finally {
    await dropLease(database.db, job.name, holder);
  }
}

/**
 * Runs `work` under the lease `job.name` every `everyMs`, and once `firstMs` after the start, on
 * one instance at a time. Returns the function that stops it.
 *
 * @example
 * const stop = startLeasedTimer(database, clock, { name: "transfer-expiry", ttlMs: 300_000, firstMs: 60_000, everyMs: 600_000 }, work, onError);
 */
export function startLeasedTimer(
  database: Database,
  clock: Clock,
  job: { name: string; ttlMs: number; firstMs: number; everyMs: number },
  work: () => Promise<unknown>,
  onError: (error: unknown) => void,
): () => void {
  const run = () =>
    void withLease(database, clock, { name: job.name, ttlMs: job.ttlMs }, work).catch(onError);
  const first = setTimeout(run, job.firstMs);
  const timer = setInterval(run, job.everyMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
