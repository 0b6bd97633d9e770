/**
 * A worker thread that runs one reminder pass on a SQLite file (reminder-timer.ts starts it):
 * node:sqlite is synchronous, so on the server's thread each batch would hold every request up.
 * It opens its own connection to the file (WAL lets the server's connection keep reading), runs
 * the reminders with the system clock, sends its log lines and its counts back, and ends.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { Config } from "../../config/config.ts";
import { openDatabase } from "../../db/database.ts";
import { systemClock } from "../../domain/clock.ts";
import { type ReminderRun, runReminders } from "./reminders.ts";

export interface ReminderWorkerData {
  /** The SQLite file's path (Database.location). */
  location: string;
  config: Config;
  batchSize: number;
  pauseMs: number;
  share: number;
}
export type ReminderWorkerRequest = { kind: "stop" };
export type ReminderWorkerReply =
  | { kind: "log"; fields: object; message: string }
  | { kind: "finished"; run: ReminderRun }
  | { kind: "failed"; message: string; stack: string | undefined };

const port = parentPort;
if (port) {
  const { location, config, batchSize, pauseMs, share } = workerData as ReminderWorkerData;
  const stop = new AbortController();
  port.on("message", (request: ReminderWorkerRequest) => {
    if (request.kind === "stop") stop.abort();
  });
  let reply: ReminderWorkerReply;
  try {
    const database = await openDatabase(`sqlite:${location}`, { backgroundCheckpoints: false });
    try {
      const run = await runReminders(database, config, systemClock, {
        batchSize,
        pauseMs,
        share,
        signal: stop.signal,
        log: { info: (fields, message) => port.postMessage({ kind: "log", fields, message }) },
      });
      reply = { kind: "finished", run };
    } finally {
      await database.close();
    }
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    reply = { kind: "failed", message: failure.message, stack: failure.stack };
  }
  port.postMessage(reply);
  // Nothing else is listened to: the thread ends.
  port.close();
}
