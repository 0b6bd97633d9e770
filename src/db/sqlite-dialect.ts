import type { DatabaseSync, SQLInputValue, StatementSync } from "node:sqlite";
import { setImmediate } from "node:timers";
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from "kysely";

/**
 * A Kysely dialect over Node's built-in `node:sqlite`, so the embedded database needs no native
 * add-on. One connection, serialised by a mutex (SQLite has a single writer anyway), with a
 * prepared-statement cache because Kysely compiles the same SQL text over and over, and the reads of
 * one turn of the event loop in one read transaction (`NodeSqliteConnection.#beginRead`).
 *
 * @example
 * const db = new Kysely<Tables>({ dialect: new NodeSqliteDialect({ database: new DatabaseSync(":memory:") }) });
 */
export class NodeSqliteDialect implements Dialect {
  readonly #database: DatabaseSync;
  readonly #cacheSize: number;

  constructor(config: { database: DatabaseSync; statementCacheSize?: number }) {
    this.#database = config.database;
    this.#cacheSize = config.statementCacheSize ?? 500;
  }

  createAdapter() {
    return new SqliteAdapter();
  }
  createDriver(): Driver {
    return new NodeSqliteDriver(this.#database, this.#cacheSize);
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
  // biome-ignore lint/suspicious/noExplicitAny: Kysely's introspector takes any schema.
  createIntrospector(db: Kysely<any>) {
    return new SqliteIntrospector(db);
  }
}

class NodeSqliteDriver implements Driver {
  readonly #connection: NodeSqliteConnection;
  #lock: Promise<void> = Promise.resolve();
  #release: (() => void) | undefined;
  readonly #database: DatabaseSync;

  constructor(database: DatabaseSync, cacheSize: number) {
    this.#database = database;
    this.#connection = new NodeSqliteConnection(database, cacheSize);
  }

  async init() {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.#lock;
    let release!: () => void;
    this.#lock = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    this.#release = release;
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection) {
    // IMMEDIATE takes the write lock up front, so two processes never deadlock on upgrade.
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
  async commitTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw("commit"));
  }
  async rollbackTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw("rollback"));
  }
  async releaseConnection() {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }
  async destroy() {
    this.#connection.endRead();
    if (this.#database.isOpen) this.#database.close();
  }
}

class NodeSqliteConnection implements DatabaseConnection {
  readonly #database: DatabaseSync;
  /** Prepared statements by SQL text, and whether each returns rows (asked once, not per run). */
  readonly #cache = new Map<string, { statement: StatementSync; rows: boolean }>();
  readonly #cacheSize: number;

  constructor(database: DatabaseSync, cacheSize: number) {
    this.#database = database;
    this.#cacheSize = cacheSize;
  }

  #prepare(sql: string): { statement: StatementSync; rows: boolean } {
    let entry = this.#cache.get(sql);
    if (entry) return entry;
    const statement = this.#database.prepare(sql);
    entry = { statement, rows: statement.columns().length > 0 };
    if (this.#cache.size >= this.#cacheSize) {
      const oldest = this.#cache.keys().next().value;
      if (oldest !== undefined) this.#cache.delete(oldest);
    }
    this.#cache.set(sql, entry);
    return entry;
  }

  /** A read transaction is open that the reads of this turn of the event loop share. */
  #snapshot = false;

  /**
   * Beginning and ending a transaction costs SQLite more than a read on an index (a lock on the
   * WAL index, each time), and every statement outside a transaction does both. So the reads of
   * one turn of the event loop (the requests that arrived together) share one read transaction,
   * ended on the next turn, or before anything writes or a transaction begins. They see the
   * database as it was at the first of them, as each would have a moment earlier; a write on this
   * connection ends the snapshot first, so a read after it always sees it.
   */
  #beginRead() {
    if (this.#snapshot || this.#database.isTransaction) return;
    this.#database.exec("begin");
    this.#snapshot = true;
    setImmediate(this.endRead);
  }

  /** Ends the shared read transaction, if one is open. */
  readonly endRead = () => {
    if (!this.#snapshot) return;
    this.#snapshot = false;
    if (this.#database.isOpen && this.#database.isTransaction) this.#database.exec("commit");
  };

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const { statement, rows } = this.#prepare(compiledQuery.sql);
    // Kysely writes its SQL in lower case; anything but a plain SELECT is taken for a write.
    if (compiledQuery.sql.startsWith("select ")) this.#beginRead();
    else this.endRead();
    const parameters = compiledQuery.parameters.map(toSqliteValue);
    if (rows) {
      return { rows: statement.all(...parameters) as R[] };
    }
    const { changes, lastInsertRowid } = statement.run(...parameters);
    return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    // A stream outlives a turn of the event loop: it reads in a transaction of its own.
    this.endRead();
    const { statement } = this.#prepare(compiledQuery.sql);
    for (const row of statement.iterate(...compiledQuery.parameters.map(toSqliteValue))) {
      yield { rows: [row as R] };
    }
  }
}

/** node:sqlite binds only null, numbers, bigints, strings and bytes. */
function toSqliteValue(value: unknown): SQLInputValue {
  if (value === undefined || value === null) return null;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object" && !ArrayBuffer.isView(value)) return JSON.stringify(value);
  return value as SQLInputValue;
}
