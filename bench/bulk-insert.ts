/**
 * Plain bulk INSERTs for the benchmark's fill: many rows per statement, the way each database
 * takes them fastest (SQLite: one multi-row VALUES statement, prepared once per shape and reused;
 * PostgreSQL: one `insert … select * from unnest(...)` with an array per column).
 */
import { CompiledQuery, type Kysely } from "kysely";
import type { Database } from "../src/db/database.ts";
import type { Tables } from "../src/db/tables.ts";

/** A column and the PostgreSQL type of its array; SQLite takes the values as they are. */
export type Column = readonly [name: string, type: "text" | "int" | "bool" | "timestamptz" | "date"];

/** Rows per statement: SQLite binds each value (at most 32 766 per statement), PostgreSQL one array per column. */
const ROWS_PER_STATEMENT = { sqlite: 500, postgres: 5000 } as const;

/**
 * Inserts `rows` (values in `columns` order) into `table`, in statements of many rows each, on
 * the caller's connection or transaction. Booleans become 0/1 on SQLite.
 *
 * @example
 * await bulkInsert(database, trx, "user", [["id", "text"], ["emailVerified", "bool"]], [["u1", true]]);
 */
export async function bulkInsert(
  database: Pick<Database, "dialect">,
  db: Kysely<Tables>,
  table: string,
  columns: readonly Column[],
  rows: readonly (readonly unknown[])[],
): Promise<void> {
  const size = ROWS_PER_STATEMENT[database.dialect];
  const names = columns.map(([name]) => `"${name}"`).join(", ");
  for (let start = 0; start < rows.length; start += size) {
    const batch = rows.slice(start, start + size);
    if (database.dialect === "postgres") {
      const arrays = columns.map((_, c) => batch.map((row) => row[c]));
      const casts = columns.map(([, type], c) => `$${c + 1}::${type}[]`).join(", ");
      await db.executeQuery(
        CompiledQuery.raw(`insert into "${table}" (${names}) select * from unnest(${casts})`, arrays),
      );
    } else {
      const tuple = `(${columns.map(() => "?").join(", ")})`;
      const values = batch.flatMap((row) => row.map((v) => (typeof v === "boolean" ? (v ? 1 : 0) : v)));
      await db.executeQuery(
        CompiledQuery.raw(
          `insert into "${table}" (${names}) values ${Array(batch.length).fill(tuple).join(", ")}`,
          values,
        ),
      );
    }
  }
}

/**
 * Collects rows for several tables and writes them in one transaction whenever `rowsPerCommit`
 * have gathered, printing progress to stderr, so that a fill of millions of rows holds only one
 * commit's worth in memory.
 */
export class BulkWriter {
  readonly #database: Database;
  readonly #rowsPerCommit: number;
  readonly #tables = new Map<string, { columns: readonly Column[]; rows: unknown[][]; written: number }>();
  #pending = 0;
  #label: string;
  readonly #started = performance.now();

  constructor(database: Database, label: string, rowsPerCommit = 20_000) {
    this.#database = database;
    this.#label = label;
    this.#rowsPerCommit = rowsPerCommit;
  }

  /** Declares a table once, in the order its rows must be written (parents before children). */
  table(name: string, columns: readonly Column[]): void {
    this.#tables.set(name, { columns, rows: [], written: 0 });
  }

  async add(table: string, row: unknown[]): Promise<void> {
    const entry = this.#tables.get(table);
    if (!entry) throw new Error(`table ${table} was not declared`);
    entry.rows.push(row);
    if (++this.#pending >= this.#rowsPerCommit) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.#pending === 0) return;
    const tables = [...this.#tables.entries()];
    await this.#database.db.transaction().execute(async (trx) => {
      for (const [name, entry] of tables) {
        if (entry.rows.length > 0) await bulkInsert(this.#database, trx, name, entry.columns, entry.rows);
      }
    });
    for (const [, entry] of tables) {
      entry.written += entry.rows.length;
      entry.rows = [];
    }
    this.#pending = 0;
    const counts = tables.map(([name, e]) => `${name} ${e.written.toLocaleString("en")}`).join(", ");
    const seconds = ((performance.now() - this.#started) / 1000).toFixed(0);
    process.stderr.write(`[seed] ${this.#label}: ${counts} (${seconds} s)\n`);
  }

  /** Rows written per table so far. */
  written(): Record<string, number> {
    return Object.fromEntries([...this.#tables.entries()].map(([name, e]) => [name, e.written]));
  }
}

/** A small seeded random generator (mulberry32), so that every fill spreads its data the same way. */
export function randomSource(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The audit log's columns, as every part of the fill writes its lines (the id is generated). */
export const AUDIT_LOG_COLUMNS: readonly Column[] = [
  ["actor_id", "text"],
  ["actor_role", "text"],
  ["action", "text"],
  ["owner_id", "text"],
  ["subject_type", "text"],
  ["subject_id", "text"],
  ["detail", "text"],
  ["created_at", "timestamptz"],
];
