/**
 * A worker thread that copies a SQLite file's write-ahead log back into the file (checkpoint.ts
 * starts it). A checkpoint writes every page the log holds and waits for the disk twice; done by
 * the server's own connection, it ran inside the COMMIT that crossed the threshold and held every
 * request up for as long as the disk took (half a second, seen under load). Here it runs on a
 * connection of its own, in PASSIVE mode: it never waits for a lock, so the server's reads and
 * writes go on while it works.
 */
import { DatabaseSync } from "node:sqlite";
import { parentPort, workerData } from "node:worker_threads";

export interface CheckpointWorkerData {
  /** The SQLite file's absolute path. */
  location: string;
  /** How long to wait between two checkpoints. */
  intervalMs: number;
}
export type CheckpointWorkerRequest = { kind: "stop" };

const port = parentPort;
if (port) {
  const { location, intervalMs } = workerData as CheckpointWorkerData;
  const database = new DatabaseSync(location);
  database.exec("pragma synchronous = normal");
  const checkpoint = database.prepare("pragma wal_checkpoint(passive)");
  const timer = setInterval(() => checkpoint.get(), intervalMs);
  port.on("message", (request: CheckpointWorkerRequest) => {
    if (request.kind !== "stop") return;
    clearInterval(timer);
    database.close();
    port.close();
  });
}
