/**
 * Which statements make a measure slow on the full portal: every distinct statement the app ran
 * during a measure (ours and better-auth's) is timed again on the filled database with the
 * parameters it first ran with, and the slow ones are printed with their plan, as the planner
 * decides it on a million rows (`EXPLAIN QUERY PLAN` on SQLite, `EXPLAIN` on PostgreSQL).
 */
import { CompiledQuery } from "kysely";
import type { Database, ExecutedQuery } from "../src/db/database.ts";

interface Seen {
  sql: string;
  parameters: readonly unknown[];
  count: number;
}

/** Statements that take longer than this, per run, are printed with their plan (the slowest few). */
const SLOW_MS = 5;
const SHOWN = 3;
const TIMED_RUNS = 5;

export class StatementRecorder {
  #measure: string | null = null;
  readonly #seen = new Map<string, Map<string, Seen>>();

  /** Records what runs from now on under `measure`; null stops recording. */
  recordAs(measure: string | null): void {
    this.#measure = measure;
    if (measure && !this.#seen.has(measure)) this.#seen.set(measure, new Map());
  }

  readonly record = (query: ExecutedQuery): void => {
    if (this.#measure === null || !/^\s*select\b/i.test(query.sql)) return;
    const seen = this.#seen.get(this.#measure);
    const entry = seen?.get(query.sql);
    if (entry) entry.count++;
    else seen?.set(query.sql, { sql: query.sql, parameters: query.parameters, count: 1 });
  };

  /**
   * Times each recorded read of `measure` on `database` and returns the slow ones with their plan,
   * slowest first.
   */
  async slowStatements(database: Database, measure: string, requests: number) {
    const out: { sql: string; ms: number; perRequest: number; plan: string }[] = [];
    for (const seen of this.#seen.get(measure)?.values() ?? []) {
      const query = CompiledQuery.raw(seen.sql, [...seen.parameters]);
      try {
        await database.db.executeQuery(query); // from the page cache from now on, as during the measure
      } catch (error) {
        // A statement the driver ran in a form of its own (a prepared one): said, not timed.
        process.stderr.write(`[bench] ${measure}: could not run again (${String(error)}): ${seen.sql}\n`);
        continue;
      }
      const started = performance.now();
      for (let i = 0; i < TIMED_RUNS; i++) await database.db.executeQuery(query);
      const ms = (performance.now() - started) / TIMED_RUNS;
      if (ms < SLOW_MS) continue;
      out.push({
        sql: seen.sql,
        ms,
        perRequest: seen.count / Math.max(1, requests),
        plan: await plan(database, seen),
      });
    }
    return out.sort((a, b) => b.ms - a.ms).slice(0, SHOWN);
  }
}

/** The planner's plan of a statement with the parameters it ran with, one line per step. */
async function plan(database: Database, seen: Seen): Promise<string> {
  const prefix = database.dialect === "sqlite" ? "explain query plan " : "explain ";
  const result = await database.db.executeQuery<Record<string, unknown>>(
    CompiledQuery.raw(prefix + seen.sql, [...seen.parameters]),
  );
  return result.rows
    .map((row) => (database.dialect === "sqlite" ? String(row.detail) : String(row["QUERY PLAN"])))
    .join("\n");
}
