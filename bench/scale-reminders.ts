/**
 * Background work must not starve requests (issue 12, 5): `/healthz` and My Page at p99 while a
 * reminder run goes through every active registration of the full portal, started in the server's
 * own process as its timer starts it (on a SQLite file, in a worker thread), against the same
 * measured idle just before. The run is made to read every
 * registration the way the first run after the upgrade does (each row due at once, as the
 * migration leaves them), which is the most a run ever reads.
 */
import { sql } from "kysely";
import type { Config } from "../src/config/config.ts";
import type { Database } from "../src/db/database.ts";
import { systemClock } from "../src/domain/clock.ts";
import { startReminderPass } from "../src/features/warranty/reminder-timer.ts";
import { assertAllOk, type LoadRequest, runLoad } from "./load.ts";

export interface ReminderMeasureOptions {
  database: Database;
  config: Config;
  base: string;
  myPage: LoadRequest[];
  rounds: number;
  seconds: number;
  connections: number;
}

export interface ReminderFigures {
  idle: { healthz: number; myPage: number };
  during: { healthz: number; myPage: number };
  /** Rounds the run lasted through; a round it ended in measured partly an idle server. */
  roundsDuring: number;
  /** What the run did until it finished or, once the rounds were measured, was stopped. */
  run: { visited: number; batches: number; queued: number; seconds: number; finished: boolean };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Every active registration due at once, as the upgrade's migration leaves an existing portal. */
async function everyRegistrationDue(database: Database): Promise<number> {
  const epoch = database.dialect === "postgres" ? sql`date '1970-01-01'` : sql`'1970-01-01'`;
  return database.db.transaction().execute(async (trx) => {
    await sql`delete from warranty_reminder`.execute(trx);
    const result = await sql`insert into warranty_reminder (registration_id, due_on)
      select id, ${epoch} from registration where removed_at is null`.execute(trx);
    return Number(result.numAffectedRows ?? 0n);
  });
}

/** One round: `/healthz`, then My Page, each for `seconds`; their p99 in milliseconds. */
async function round(options: ReminderMeasureOptions) {
  const load = async (name: string, requests: LoadRequest[]) =>
    assertAllOk(
      name,
      await runLoad({
        base: options.base,
        requests,
        connections: options.connections,
        seconds: options.seconds,
      }),
    ).p99;
  return {
    healthz: await load("healthz", [{ path: "/healthz" }]),
    myPage: await load("my-page", options.myPage),
  };
}

/**
 * Measures idle rounds, then starts a reminder run from this process (the server's) the way its
 * timer does, and measures rounds while it goes, at most `rounds` of them; then stops the run
 * (it keeps to a tenth of a core, so going through every row would take half an hour).
 */
export async function measureDuringReminders(options: ReminderMeasureOptions): Promise<ReminderFigures> {
  const idle: { healthz: number; myPage: number }[] = [];
  for (let r = 0; r < options.rounds; r++) idle.push(await round(options));

  const due = await everyRegistrationDue(options.database);
  process.stderr.write(`[bench] reminder run over ${due.toLocaleString("en")} active registrations\n`);
  let finished = false;
  const started = performance.now();
  // The pass the server's timer starts: on a SQLite file, in a worker thread of its own.
  const pass = startReminderPass(options.database, options.config, systemClock, {
    info: () => {},
    error: (_fields, message) => process.stderr.write(`[bench] ${message}\n`),
  });
  const running = pass.done.finally(() => {
    finished = true;
  });
  const during: { healthz: number; myPage: number }[] = [];
  let roundsDuring = 0;
  for (let r = 0; r < options.rounds && !finished; r++) {
    during.push(await round(options));
    if (!finished) roundsDuring++;
  }
  if (!finished) await pass.stop();
  const run = await running;
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  if (!run.leased) throw new Error("the reminder run did not get its lease");
  return {
    idle: { healthz: median(idle.map((f) => f.healthz)), myPage: median(idle.map((f) => f.myPage)) },
    during: { healthz: median(during.map((f) => f.healthz)), myPage: median(during.map((f) => f.myPage)) },
    roundsDuring,
    run: {
      visited: run.visited,
      batches: run.batches,
      queued: run.queued,
      seconds,
      finished: !run.interrupted,
    },
  };
}
