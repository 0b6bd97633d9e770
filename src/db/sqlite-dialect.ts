import type { DatabaseSync, SQLInputValue, StatementSync } from "node:sqlite";
import { setImmediate } from "node:timers";
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type LimitNode,
  type QueryResult,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  ValueNode,
} from "kysely";

/**
 * A Kysely dialect over Node's built-in `node:sqlite`, so the embedded database needs no native
 * add-on. One connection, serialised by a mutex (SQLite has a single writer anyway), with a
 * prepared-statement cache because Kysely compiles the same SQL text over and over, the reads of
 * one turn of the event loop in one read transaction (`NodeSqliteConnection.#beginRead`), and its
 * writes in one write transaction (`NodeSqliteConnection.#batch`).
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
    return new LiteralLimitCompiler();
  }
  // biome-ignore lint/suspicious/noExplicitAny: Kysely's introspector takes any schema.
  createIntrospector(db: Kysely<any>) {
    return new SqliteIntrospector(db);
  }
}

/**
 * Writes a LIMIT that is a whole number into the SQL text instead of binding it. SQLite plans a
 * query knowing the value bound to its LIMIT, so it marks the prepared statement to be prepared
 * again whenever that parameter is bound: every run of a cached statement was parsed and planned
 * anew (9 % of the server's CPU under My Page's load). Written as a literal, each distinct limit is one
 * cached statement; the limits in the code are constants, batch sizes or bounded page sizes. An
 * OFFSET does not do this and stays a parameter (its values are not bounded).
 */
class LiteralLimitCompiler extends SqliteQueryCompiler {
  protected override visitLimit(node: LimitNode): void {
    const count = ValueNode.is(node.limit) ? node.limit.value : undefined;
    if ((typeof count === "number" && Number.isSafeInteger(count)) || typeof count === "bigint") {
      this.append(`limit ${count}`);
    } else {
      super.visitLimit(node);
    }
  }
}

class NodeSqliteDriver implements Driver {
  readonly #connection: NodeSqliteConnection;
  #lock: Promise<void> = Promise.resolve();
  #release: (() => void) | undefined;
  readonly #database: DatabaseSync;

  constructor(database: DatabaseSync, cacheSize: number) {
    this.#database = database;
    this.#connection = new NodeSqliteConnection(database, cacheSize, (batch) => {
      setImmediate(() => void this.#flush(batch));
    });
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

  async beginTransaction() {
    this.#connection.beginMember();
  }
  async commitTransaction() {
    this.#connection.commitMember();
  }
  async rollbackTransaction() {
    this.#connection.rollbackMember();
  }

  /**
   * Lets the next holder in first, then waits for the COMMIT of the batch this holder wrote in:
   * whoever wrote hears of success only once it is in the log, as with a COMMIT of its own.
   */
  async releaseConnection() {
    const joined = this.#connection.takeJoined();
    const release = this.#release;
    this.#release = undefined;
    release?.();
    if (joined) await joined.committed;
  }

  /** Commits a batch on the turn after it opened, once whoever holds the connection lets go. */
  async #flush(batch: Batch) {
    await this.acquireConnection();
    try {
      this.#connection.commitBatch(batch);
    } finally {
      await this.releaseConnection();
    }
  }

  async destroy() {
    this.#connection.commitOpenBatch();
    this.#connection.endRead();
    if (this.#database.isOpen) this.#database.close();
  }
}

/** The writes of one turn of the event loop, committed together. */
interface Batch {
  /** Settles when the batch's COMMIT has run: fulfilled, or rejected with why it failed. */
  committed: Promise<void>;
  settle(error?: unknown): void;
}

function newBatch(): Batch {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const committed = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A batch whose every writer rolled back has nobody waiting; its failure is not unhandled.
  committed.catch(() => {});
  return { committed, settle: (error) => (error === undefined ? resolve() : reject(error)) };
}

/** Writes that join the turn's batch; anything else (DDL, PRAGMA, VACUUM) runs on its own. */
const BATCHED = /^(insert|update|delete|replace|with) /;

class NodeSqliteConnection implements DatabaseConnection {
  readonly #database: DatabaseSync;
  /** Prepared statements by SQL text, and whether each returns rows (asked once, not per run). */
  readonly #cache = new Map<string, { statement: StatementSync; rows: boolean }>();
  readonly #cacheSize: number;
  readonly #onBatchOpened: (batch: Batch) => void;

  constructor(database: DatabaseSync, cacheSize: number, onBatchOpened: (batch: Batch) => void) {
    this.#database = database;
    this.#cacheSize = cacheSize;
    this.#onBatchOpened = onBatchOpened;
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

  /**
   * The write batch open on this connection. A COMMIT writes every page its transaction changed
   * to the log, about 20 µs a page here, and a registration changes some 16 pages of 4 tables.
   * Requests that arrive together change many of the same pages (the tables' last pages, the
   * indexes' busy ones), so the writes of one turn of the event loop share one transaction, each
   * in a savepoint of its own, and commit together on the next turn (or before a statement that
   * cannot run in a transaction). Each writer hears of success only after that COMMIT
   * (`NodeSqliteDriver.releaseConnection`); one that fails rolls back to its savepoint and leaves
   * the others' writes alone. Reads on this connection in the meantime see the batch: the one
   * case where they see what is not yet committed is a COMMIT that fails (a full disk), and then
   * every writer in the batch is told it failed.
   */
  #batch: Batch | undefined;
  /** A Kysely transaction of the batch is open (its writes are in its savepoint). */
  #member = false;
  /** The batch the connection's current holder wrote in, whose COMMIT it waits for. */
  #joined: Batch | undefined;

  #openBatch(): Batch {
    if (this.#batch) return this.#batch;
    this.endRead();
    // IMMEDIATE takes the write lock up front, so two processes never deadlock on upgrade.
    this.#database.exec("begin immediate");
    const batch = newBatch();
    this.#batch = batch;
    this.#onBatchOpened(batch);
    return batch;
  }

  beginMember() {
    const batch = this.#openBatch();
    this.#database.exec("savepoint member");
    this.#member = true;
    this.#joined = batch;
  }

  commitMember() {
    this.#member = false;
    this.#database.exec("release member");
  }

  rollbackMember() {
    this.#member = false;
    // A rolled-back transaction has nothing to wait for, and its own error is the one to tell.
    this.#joined = undefined;
    this.#undoMember();
  }

  /**
   * Undoes the savepoint of the statement or transaction that failed. Some failures (a full disk,
   * no memory) make SQLite roll back the whole transaction: then the batch is gone, and every
   * writer in it is told.
   */
  #undoMember() {
    if (this.#database.isTransaction) {
      this.#database.exec("rollback to member");
      this.#database.exec("release member");
      return;
    }
    const lost = this.#batch;
    this.#batch = undefined;
    lost?.settle(new Error("SQLite rolled back the transaction of this turn's writes."));
  }

  /** The batch the holder wrote in, once: the driver waits for it as it lets go. */
  takeJoined(): Batch | undefined {
    const joined = this.#joined;
    this.#joined = undefined;
    return joined;
  }

  /** Commits `batch` if it is still the open one. */
  commitBatch(batch: Batch) {
    if (this.#batch !== batch) return;
    this.#batch = undefined;
    try {
      this.#database.exec("commit");
      batch.settle();
    } catch (error) {
      if (this.#database.isTransaction) this.#database.exec("rollback");
      batch.settle(error);
    }
  }

  commitOpenBatch() {
    if (this.#batch) this.commitBatch(this.#batch);
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const { sql } = compiledQuery;
    const { statement, rows } = this.#prepare(sql);
    const parameters = compiledQuery.parameters.map(toSqliteValue);
    // Kysely writes its SQL in lower case; anything but a plain SELECT is taken for a write.
    if (sql.startsWith("select ")) this.#beginRead();
    else if (!this.#member && BATCHED.test(sql)) return this.#runInBatch(statement, rows, parameters);
    else {
      this.endRead();
      if (!this.#member) this.commitOpenBatch();
    }
    return run(statement, rows, parameters);
  }

  /** A write outside a transaction: a savepoint of its own in the turn's batch, as a transaction has. */
  #runInBatch<R>(statement: StatementSync, rows: boolean, parameters: SQLInputValue[]): QueryResult<R> {
    this.beginMember();
    let result: QueryResult<R>;
    try {
      result = run(statement, rows, parameters);
    } catch (error) {
      this.rollbackMember();
      throw error;
    }
    this.commitMember();
    return result;
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    // A stream outlives a turn of the event loop: it reads in a transaction of its own.
    this.endRead();
    if (!this.#member) this.commitOpenBatch();
    const { statement } = this.#prepare(compiledQuery.sql);
    for (const row of statement.iterate(...compiledQuery.parameters.map(toSqliteValue))) {
      yield { rows: [row as R] };
    }
  }
}

function run<R>(statement: StatementSync, rows: boolean, parameters: SQLInputValue[]): QueryResult<R> {
  if (rows) return { rows: statement.all(...parameters) as R[] };
  const { changes, lastInsertRowid } = statement.run(...parameters);
  return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
}

/** node:sqlite binds only null, numbers, bigints, strings and bytes. */
function toSqliteValue(value: unknown): SQLInputValue {
  if (value === undefined || value === null) return null;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object" && !ArrayBuffer.isView(value)) return JSON.stringify(value);
  return value as SQLInputValue;
}
