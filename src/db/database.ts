import { accessSync, constants, existsSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { Kysely, type KyselyConfig, type LogEvent, PostgresDialect } from "kysely";
import pg from "pg";
import { backgroundCheckpoints } from "./checkpoint.ts";
import { NodeSqliteDialect } from "./sqlite-dialect.ts";
import type { Tables } from "./tables.ts";

export type DialectName = "sqlite" | "postgres";

export interface Database {
  db: Kysely<Tables>;
  dialect: DialectName;
  /** For SQLite, the file path or ":memory:"; for PostgreSQL, the URL without its password. */
  location: string;
  close(): Promise<void>;
}

export class DatabaseOpenError extends Error {}

/** A statement as the database received it. */
export interface ExecutedQuery {
  sql: string;
  parameters: readonly unknown[];
}

export interface OpenOptions {
  /**
   * Called after each statement that succeeded, ours and better-auth's alike (both run over this
   * Kysely instance). The test harness records them for the query-plan gate.
   */
  onQuery?: (query: ExecutedQuery) => void;
  /**
   * SQLite files only: whether a worker thread does the checkpoints (checkpoint.ts). On by
   * default; a connection that is in a worker thread already does its own.
   */
  backgroundCheckpoints?: boolean;
}

/**
 * Opens the database named by a URL: `sqlite:path/to/file.sqlite`, `sqlite::memory:` or
 * `postgres://user@host/db`. Fails with one readable sentence when it cannot.
 *
 * @example
 * const { db, close } = await openDatabase("sqlite::memory:");
 */
export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Database> {
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url, options);
  if (url.startsWith("sqlite:") || url.startsWith("file:"))
    return openSqlite(url.replace(/^(sqlite|file):(\/\/)?/, ""), options);
  throw new DatabaseOpenError(
    `DATABASE_URL must start with "sqlite:" or "postgres://" (got "${url.split(":")[0]}:…").`,
  );
}

/** Kysely's `log` option for an `onQuery` hook: successful statements only, none when there is no hook. */
function queryLog({ onQuery }: OpenOptions): KyselyConfig["log"] {
  if (!onQuery) return undefined;
  return (event: LogEvent) => {
    if (event.level === "query") onQuery({ sql: event.query.sql, parameters: event.query.parameters });
  };
}

function openSqlite(path: string, options: OpenOptions): Database {
  const location = path === ":memory:" ? path : resolve(path);
  let database: DatabaseSync;
  try {
    if (location !== ":memory:") {
      ensureDirectory(dirname(location));
      accessSync(dirname(location), constants.R_OK | constants.W_OK);
    }
    database = new DatabaseSync(location);
    database.exec("pragma journal_mode = wal");
    database.exec("pragma synchronous = normal");
    database.exec("pragma foreign_keys = on");
    database.exec("pragma busy_timeout = 5000");
    // Each write of a batch has a savepoint (sqlite-dialect.ts), whose journal SQLite would spill
    // to a temporary file past 64 KB, a registration's size; in memory it is a copy. Temporary
    // sorts stay small: the query-plan gate keeps every growing table behind an index.
    database.exec("pragma temp_store = memory");
    // A 64 MB page cache keeps the unit indexes of a large registry in memory (the default is 2 MB).
    database.exec("pragma cache_size = -65536");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseOpenError(`Cannot open the SQLite database at ${location}: ${reason}.`);
  }
  const checkpoints =
    location !== ":memory:" && options.backgroundCheckpoints !== false
      ? backgroundCheckpoints(database, location)
      : undefined;
  const db = new Kysely<Tables>({ dialect: new NodeSqliteDialect({ database }), log: queryLog(options) });
  const close = async () => {
    // The worker's connection goes first, so this one, closing last, folds the log into the file.
    await checkpoints?.stop();
    await db.destroy();
  };
  return { db, dialect: "sqlite", location, close };
}

async function openPostgres(url: string, options: OpenOptions): Promise<Database> {
  const safe = redactUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 5000,
    types: {
      // Calendar dates stay "YYYY-MM-DD" strings (as on SQLite); a JS Date would shift them by time zone.
      // Counts come back as numbers.
      getTypeParser: ((oid: number, format?: string) => {
        if (oid === 1082) return (value: string) => value;
        if (oid === 20) return (value: string) => Number(value);
        return pg.types.getTypeParser(oid, format as "text");
      }) as typeof pg.types.getTypeParser,
    },
  });
  pool.on("error", () => {
    // An idle client lost its connection; the pool replaces it on next use.
  });
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseOpenError(`Cannot connect to PostgreSQL at ${safe}: ${reason}.`);
  }
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }), log: queryLog(options) });
  return { db, dialect: "postgres", location: safe, close: () => db.destroy() };
}

/**
 * Creates a folder and its missing parents one level at a time: Node's recursive mkdir spins
 * forever on some paths (e.g. under /proc), and a clear error beats a hung start.
 */
function ensureDirectory(dir: string): void {
  if (existsSync(dir)) return;
  const parent = dirname(dir);
  if (parent !== dir) ensureDirectory(parent);
  mkdirSync(dir);
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable URL)";
  }
}
