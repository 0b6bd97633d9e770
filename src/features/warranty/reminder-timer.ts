import { setTimeout as sleep } from "node:timers/promises";
import { Worker } from "node:worker_threads";
import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import type { Clock } from "../../domain/clock.ts";
import type { ReminderWorkerData, ReminderWorkerReply, ReminderWorkerRequest } from "./reminder-worker.ts";
import { type ReminderRun, runReminders } from "./reminders.ts";

/**
 * Rows per batch in the worker. Each batch is one write transaction on the file, and a write of
 * the server's thread that meets it waits in SQLite's busy handler, which blocks that thread. On
 * the 2-core machine, 25 rows hold the file 3 ms when nothing is sent (50: 5 ms, 200: 16 ms) and
 * 8 ms when each row queues a mail (50: 12 ms, and the server's writes then waited up to 80 ms).
 */
export const WORKER_REMINDER_BATCH = 25;
/**
 * The worker's pause between batches. SQLite's busy handler retries on a schedule of its own
 * (after 1, 2, 5, then 10 ms …), not when the lock is free: with a pause of a mere turn of the
 * event loop a waiting write of the server's kept missing it for seconds ("database is locked").
 * After a batch of up to 8 ms, a 10 ms pause lets the waiting write in at its next retry.
 */
export const WORKER_REMINDER_PAUSE_MS = 10;
/**
 * The worker's share of one core at most: its batches and the server's requests share the
 * machine's cores, and on 2 cores under load a run that took a third of one (a batch, then the
 * 10 ms pause) made `/healthz` twice as slow at p99. At a tenth, 1 000 000 rows due at once take
 * about half an hour; on an ordinary day a few hundred are due.
 */
export const WORKER_REMINDER_SHARE = 0.1;
/**
 * Rows per batch, and the share of the thread, of a run on the server's own thread (PostgreSQL).
 * Its queries leave the thread free, but each batch's rows are worked through in one go: at 200
 * rows and no share, a run through 780 000 due registrations made `/healthz` 2.8 times as slow
 * at p99 on the 2-core machine. A share counts the batch's whole time, waits on the database
 * included, so the thread's own share is smaller still.
 */
export const PROCESS_REMINDER_BATCH = 50;
export const PROCESS_REMINDER_SHARE = 0.1;
/** How long a stopping worker may take to finish its batch and give up its lease before it is ended. */
const STOP_MS = 2_000;
const WORKER = new URL("./reminder-worker.ts", import.meta.url);

type Log = { info(fields: object, message: string): void; error(fields: object, message: string): void };

/** One reminder run under way. */
export interface ReminderPass {
  /** The run's counts; rejects when it failed. */
  done: Promise<ReminderRun>;
  /** Asks the run to stop after its batch and waits for it (a worker that takes too long is ended). */
  stop(): Promise<void>;
}

/**
 * Starts one reminder run the way the server does. On a SQLite file it runs in a worker thread
 * with a connection of its own and the system clock, so the server's thread stays free for
 * requests; on PostgreSQL (whose I/O does not hold the thread) and on an in-memory SQLite
 * database (which another connection cannot open) it runs here, with `clock`. Either way it logs
 * `reminder run finished` to `log`, and the lease lets one run go at a time across instances.
 *
 * @example
 * const pass = startReminderPass(database, config, systemClock, app.log);
 * const run = await pass.done; // { leased: true, visited: 1200, queued: 40, … }
 */
export function startReminderPass(database: Database, config: Config, clock: Clock, log: Log): ReminderPass {
  if (database.dialect === "sqlite" && database.location !== ":memory:")
    return startWorkerPass(
      {
        location: database.location,
        config,
        batchSize: WORKER_REMINDER_BATCH,
        pauseMs: WORKER_REMINDER_PAUSE_MS,
        share: WORKER_REMINDER_SHARE,
      },
      log,
    );
  const stopping = new AbortController();
  const done = runReminders(database, config, clock, {
    log,
    signal: stopping.signal,
    batchSize: PROCESS_REMINDER_BATCH,
    share: PROCESS_REMINDER_SHARE,
  });
  return {
    done,
    async stop() {
      stopping.abort();
      await done.catch(() => {});
    },
  };
}

/** The run in a worker thread of its own (reminder-worker.ts), which ends with it. */
function startWorkerPass(data: ReminderWorkerData, log: Log): ReminderPass {
  const worker = new Worker(WORKER, { workerData: data });
  // Like the timer, a run under way does not keep the process alive.
  worker.unref();
  const done = new Promise<ReminderRun>((resolve, reject) => {
    worker.on("message", (reply: ReminderWorkerReply) => {
      if (reply.kind === "log") log.info(reply.fields, reply.message);
      else if (reply.kind === "finished") resolve(reply.run);
      else reject(Object.assign(new Error(reply.message), { stack: reply.stack }));
    });
    worker.on("error", reject);
    worker.on("exit", (code) =>
      reject(new Error(`The reminder worker stopped (exit code ${code}) before its run ended.`)),
    );
  });
  return {
    done,
    async stop() {
      worker.postMessage({ kind: "stop" } satisfies ReminderWorkerRequest);
      await Promise.race([done.catch(() => {}), sleep(STOP_MS, undefined, { ref: false })]);
      await worker.terminate();
    },
  };
}

/**
 * Runs the reminders on a timer, five seconds after the start and then every
 * `reminderIntervalMinutes`, one pass at a time (startReminderPass). Every instance runs the
 * timer; the lease lets one of them work at a time, and the others skip that turn. A failed run
 * is logged and the timer goes on. Returns the function that stops the timer and the run under
 * way; the timers do not keep the process alive.
 */
export function startReminderTimer(
  database: Database,
  config: Config,
  clock: Clock,
  log: Log,
): () => Promise<void> {
  let running: ReminderPass | null = null;
  let stopped = false;
  const run = () => {
    if (stopped) return;
    if (running) {
      log.info({}, "reminder run skipped: the previous run is still going");
      return;
    }
    try {
      const pass = startReminderPass(database, config, clock, log);
      running = pass;
      pass.done
        .catch((error) => log.error({ err: error }, "reminder run failed"))
        .finally(() => {
          if (running === pass) running = null;
        });
    } catch (error) {
      log.error({ err: error }, "reminder run failed");
    }
  };
  const first = setTimeout(run, 5_000);
  const timer = setInterval(run, config.reminderIntervalMinutes * 60_000);
  first.unref();
  timer.unref();
  return async () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(timer);
    await running?.stop();
  };
}
