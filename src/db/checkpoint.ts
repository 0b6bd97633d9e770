import type { DatabaseSync } from "node:sqlite";
import { Worker } from "node:worker_threads";
import type { CheckpointWorkerData, CheckpointWorkerRequest } from "./checkpoint-worker.ts";

const WORKER = new URL("./checkpoint-worker.ts", import.meta.url);

/**
 * How often the worker copies the log back. Each checkpoint waits for the disk twice; every 100 ms,
 * those waits slowed the serving connection's writes on a 1.5 GB file (the scale benchmark's
 * registration p99 went from ×0.75 of the empty portal's, once a second, to ×2.3); a busy portal
 * writes some tens of MB of log in a second.
 */
const INTERVAL_MS = 1000;
/**
 * The log size, in pages, at which the server's own connection checkpoints after all: only when the
 * worker has fallen far behind (16 000 pages is about 64 MB), so the log stays bounded whatever happens.
 */
const FALLBACK_PAGES = 16000;
/** SQLite's own default, for when the worker is gone. */
const DEFAULT_PAGES = 1000;

export interface BackgroundCheckpoints {
  stop(): Promise<void>;
}

/**
 * Moves a SQLite file's checkpoints off the connection that serves requests: a worker thread on a
 * connection of its own copies the write-ahead log back every INTERVAL_MS, and the serving
 * connection checkpoints itself only past FALLBACK_PAGES, or at SQLite's default again if the
 * worker fails. Nothing about durability changes: a commit is in the log before it answers, as
 * before.
 *
 * @example
 * const checkpoints = backgroundCheckpoints(database, "/srv/portal/data/portal.sqlite");
 * await checkpoints.stop();
 */
export function backgroundCheckpoints(database: DatabaseSync, location: string): BackgroundCheckpoints {
  database.exec(`pragma wal_autocheckpoint = ${FALLBACK_PAGES}`);
  const worker = new Worker(WORKER, {
    workerData: { location, intervalMs: INTERVAL_MS } satisfies CheckpointWorkerData,
  });
  // The worker never keeps the process alive; the serving connection closes the file last.
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  worker.once("error", () => {
    if (database.isOpen) database.exec(`pragma wal_autocheckpoint = ${DEFAULT_PAGES}`);
  });
  return {
    async stop() {
      worker.postMessage({ kind: "stop" } satisfies CheckpointWorkerRequest);
      const late = setTimeout(() => void worker.terminate(), 2000);
      await exited;
      clearTimeout(late);
    },
  };
}
