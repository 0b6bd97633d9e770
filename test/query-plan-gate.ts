import { join } from "node:path";
import { CompiledQuery, type Kysely } from "kysely";
import { BOUNDED_TABLES } from "../src/db/bounded-tables.ts";
import type { Database, DialectName, ExecutedQuery } from "../src/db/database.ts";

/**
 * The query-plan gate: every statement the portal runs in the tests is put to the planner before
 * its database closes, and a full scan of a growing table fails the test file. A table grows (with
 * owners, units or events) unless src/db/bounded-tables.ts names it with its reason, so a new table
 * is growing until someone says otherwise.
 *
 * Which statements: ours and better-auth's, each SQL text once per process with the parameters it
 * first ran with. Not the migrations' (a backfill reads every row once, by design), and not those a
 * test writes itself to look at the database (a test may read a whole table to check it); a
 * statement better-auth runs for a test is the portal's, and is judged.
 *
 * What counts as a full scan:
 * - SQLite: `SCAN t`, and `… USING AUTOMATIC … INDEX` (SQLite builds that index by reading all of t).
 *   `SCAN t USING [COVERING] INDEX i` is an ordered walk of the whole index: it passes only when it
 *   is the outermost loop of a statement, or of a subquery (`CO-ROUTINE`), that ends in LIMIT and
 *   nothing there sorts or groups the rows first (`USE TEMP B-TREE FOR ORDER BY`/`GROUP BY`), so
 *   the LIMIT stops it. A temp B-tree by
 *   itself is not judged: it sorts what the loops found, and those loops are judged.
 * - PostgreSQL, asked with `enable_seqscan = off` (test tables are tiny, and the planner would
 *   otherwise prefer a sequential scan to any index): a Seq Scan that remains has no usable index,
 *   and fails. Index, Index Only and Bitmap scans pass, even one without an Index Cond: on tables
 *   of a few rows, which index PostgreSQL walks is a guess from costs that changes at scale. SQLite
 *   plans without statistics, from the shape of the query and the indexes alone, so the walk of a
 *   whole index is judged there, on the same statements.
 */

/** Only these statements have a plan; DDL, pragmas, transaction control and `explain` do not. */
const PLANNED = /^\s*(select|insert|update|delete|with|values)\b/i;

interface Recorded extends ExecutedQuery {
  /** Where in our code the statement came from, for the message. */
  origin: string;
}

export interface ScanFinding {
  sql: string;
  /** The growing table read in full; null when the planner could not explain the statement. */
  table: string | null;
  /** The plan line (SQLite) or node (PostgreSQL) that scans. */
  plan: string;
  origin: string;
}

/** `dialect + SQL` of every statement already put to the planner in this process. */
const checked = new Set<string>();

/**
 * Records the statements one database runs and checks them when asked.
 *
 * @example
 * const log = new StatementLog("sqlite");
 * const database = await openDatabase("sqlite::memory:", { onQuery: log.record });
 * await migrateToLatest(database);
 * log.start();
 * const findings = await log.check(database);
 */
export class StatementLog {
  readonly #dialect: DialectName;
  readonly #judgeTestCode: boolean;
  readonly #recorded = new Map<string, Recorded>();
  #started = false;

  /** `judgeTestCode` records a test's own statements too: for the gate's own test. */
  constructor(dialect: DialectName, options: { judgeTestCode?: boolean } = {}) {
    this.#dialect = dialect;
    this.#judgeTestCode = options.judgeTestCode ?? false;
  }

  /** Records from now on: what ran before (the migrations) is left out. */
  start(): void {
    this.#started = true;
  }

  readonly record = (query: ExecutedQuery): void => {
    const key = `${this.#dialect}\u0000${query.sql}`;
    if (!this.#started || checked.has(key) || this.#recorded.has(key) || !PLANNED.test(query.sql)) return;
    const origin = originOf(callerStack());
    if (origin.testCode && !this.#judgeTestCode) return;
    this.#recorded.set(key, { ...query, origin: origin.place });
  };

  /** Asks the planner about every statement recorded and not yet checked in this process. */
  async check(database: Database): Promise<ScanFinding[]> {
    const queries = [...this.#recorded].filter(([key]) => !checked.has(key));
    this.#recorded.clear();
    if (queries.length === 0) return [];
    for (const [key] of queries) checked.add(key);
    const growing = await growingTables(database);
    const pending = queries.map(([, query]) => query);
    return database.dialect === "sqlite"
      ? sqliteFindings(database.db, pending, growing)
      : postgresFindings(database.db, pending, growing);
  }
}

/** The message close() throws: each statement, the plan line and what to do about it. */
export function describeFindings(findings: readonly ScanFinding[]): string {
  const lines = findings.map(
    (f) =>
      `- ${f.table ? `full scan of ${f.table}` : "no plan"} (${f.origin})\n    plan: ${f.plan}\n    sql: ${f.sql}`,
  );
  return [
    "statements scan a table that grows with owners, units or events:",
    ...lines,
    "Add an index on the columns they filter or join on (a migration in src/db/migrations), " +
      "rewrite the query so that one can serve it, or, if the table's size is bounded, name it " +
      "with the reason in src/db/bounded-tables.ts.",
  ].join("\n");
}

/** A stack deep enough to get from Kysely's driver out to the code that built the query. */
function callerStack(): string {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 60;
  const stack = new Error().stack ?? "";
  Error.stackTraceLimit = limit;
  return stack;
}

const ROOT = `${join(import.meta.dirname, "..")}/`;

/**
 * Where a statement came from: the first frame in our own code outside src/db/ (which runs every
 * query) and this file. It is test code when that frame is a test or under test/, unless
 * better-auth ran the statement on its behalf.
 */
function originOf(stack: string): { place: string; testCode: boolean } {
  const frames = stack.split("\n").slice(1);
  const ours = frames.findIndex(
    (f) =>
      (f.includes(`${ROOT}src/`) || f.includes(`${ROOT}test/`)) &&
      !f.includes(`${ROOT}src/db/`) &&
      !f.includes(`${ROOT}test/query-plan-gate.ts`),
  );
  const frame = frames[ours] ?? "";
  const viaAuth = frames.slice(0, ours < 0 ? undefined : ours).some((f) => f.includes("better-auth"));
  const place = /^[^\s():]+:\d+/.exec(frame.slice(frame.indexOf(ROOT) + ROOT.length))?.[0];
  const testCode =
    !viaAuth && place !== undefined && (place.startsWith("test/") || /\.test\.tsx?:/.test(place));
  if (!place) return { place: viaAuth ? "better-auth" : "origin unknown", testCode: false };
  return { place: viaAuth ? `better-auth, called from ${place}` : place, testCode };
}

async function growingTables(database: Database): Promise<Set<string>> {
  const listing =
    database.dialect === "sqlite"
      ? "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'"
      : "select table_name as name from information_schema.tables where table_schema = current_schema()";
  const { rows } = await database.db.executeQuery<{ name: string }>(CompiledQuery.raw(listing));
  return new Set(rows.map((r) => r.name).filter((name) => !(name in BOUNDED_TABLES)));
}

/** The plan's rows; a statement the planner cannot explain is a finding of its own, not a pass. */
async function explained<R>(
  query: Recorded,
  findings: ScanFinding[],
  explain: () => Promise<{ rows: R[] }>,
): Promise<R[]> {
  try {
    return (await explain()).rows;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    findings.push({
      sql: query.sql,
      table: null,
      plan: `the planner could not explain it: ${reason}`,
      origin: query.origin,
    });
    return [];
  }
}

interface SqlitePlanRow {
  id: number;
  parent: number;
  detail: string;
}

// biome-ignore lint/suspicious/noExplicitAny: the gate reads plans of any table.
async function sqliteFindings(db: Kysely<any>, queries: Recorded[], growing: Set<string>) {
  const findings: ScanFinding[] = [];
  for (const query of queries) {
    const rows = await explained(query, findings, () =>
      db.executeQuery<SqlitePlanRow>(
        CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]),
      ),
    );
    const aliases = aliasesOf(query.sql);
    for (const row of sqliteScans(rows, query.sql)) {
      const table = aliases.get(row.name) ?? row.name;
      if (growing.has(table))
        findings.push({ sql: query.sql, table, plan: row.detail, origin: query.origin });
    }
  }
  return findings;
}

/** The plan lines that read all of a table (or index), with the name the plan gives it. */
function sqliteScans(rows: readonly SqlitePlanRow[], sql: string) {
  const scans: { name: string; detail: string }[] = [];
  for (const row of rows) {
    const match = /^(SCAN|SEARCH) (\S+)(.*)$/.exec(row.detail);
    if (!match) continue;
    const [, kind, name = "", rest = ""] = match;
    const automatic = rest.includes("AUTOMATIC");
    const indexWalk = kind === "SCAN" && /USING (COVERING )?INDEX/.test(rest);
    const full = kind === "SCAN" && !indexWalk;
    if (automatic || full || (indexWalk && !stoppedByLimit(rows, row, sql)))
      scans.push({ name, detail: row.detail });
  }
  return scans;
}

/**
 * Whether an index walk is the first loop of its statement, or of a subquery (`CO-ROUTINE x`), that
 * ends in LIMIT with nothing sorted or grouped first, so that the LIMIT stops the walk.
 */
function stoppedByLimit(rows: readonly SqlitePlanRow[], walk: SqlitePlanRow, sql: string): boolean {
  const level = rows.filter((r) => r.parent === walk.parent);
  const first = level.find((r) => /^(SCAN|SEARCH) /.test(r.detail));
  if (first !== walk) return false;
  if (level.some((r) => /^USE TEMP B-TREE FOR (ORDER BY|GROUP BY)/.test(r.detail))) return false;
  if (walk.parent === 0) return endsInLimit(sql);
  const container = rows.find((r) => r.id === walk.parent);
  const alias = container && /^CO-ROUTINE (\S+)$/.exec(container.detail)?.[1];
  const text = alias ? subquery(sql, alias) : null;
  return text !== null && endsInLimit(text);
}

/** The text of the subquery `(…) as "alias"` in `sql`, or null. */
function subquery(sql: string, alias: string): string | null {
  const end = sql.search(new RegExp(`\\)\\s+as\\s+"?${alias}"?(\\W|$)`));
  if (end < 0) return null;
  let depth = 0;
  for (let i = end; i >= 0; i--) {
    if (sql[i] === ")") depth++;
    else if (sql[i] === "(" && --depth === 0) return sql.slice(i + 1, end);
  }
  return null;
}

function endsInLimit(sql: string): boolean {
  return /\blimit\s+(\?|\$\d+|\d+)(\s+offset\s+(\?|\$\d+|\d+))?\s*$/i.test(sql);
}

/** `"registration" as "r"` → r ↦ registration: SQLite's plan names a table by its alias. */
function aliasesOf(sql: string): Map<string, string> {
  return new Map([...sql.matchAll(/"?(\w+)"?\s+as\s+"?(\w+)"?/gi)].map((m) => [m[2] ?? "", m[1] ?? ""]));
}

interface PostgresNode {
  "Node Type": string;
  "Relation Name"?: string;
  Plans?: PostgresNode[];
}

// biome-ignore lint/suspicious/noExplicitAny: the gate reads plans of any table.
async function postgresFindings(db: Kysely<any>, queries: Recorded[], growing: Set<string>) {
  return db.connection().execute(async (connection) => {
    await connection.executeQuery(CompiledQuery.raw("set enable_seqscan = off"));
    const findings: ScanFinding[] = [];
    for (const query of queries) {
      const rows = await explained(query, findings, () =>
        connection.executeQuery<{ "QUERY PLAN": { Plan: PostgresNode }[] }>(
          CompiledQuery.raw(`explain (format json) ${query.sql}`, [...query.parameters]),
        ),
      );
      const plan = rows[0]?.["QUERY PLAN"][0]?.Plan;
      for (const { table, plan: line } of plan ? postgresScans(plan) : []) {
        if (growing.has(table)) findings.push({ sql: query.sql, table, plan: line, origin: query.origin });
      }
    }
    return findings;
  });
}

/** The Seq Scans of a plan: with sequential scans off, one remains only where no index applies. */
function postgresScans(node: PostgresNode): PostgresScan[] {
  const own =
    node["Node Type"] === "Seq Scan" ? [{ table: node["Relation Name"] ?? "", plan: nodeLine(node) }] : [];
  return [...own, ...(node.Plans ?? []).flatMap(postgresScans)];
}

interface PostgresScan {
  table: string;
  plan: string;
}

function nodeLine(node: PostgresNode): string {
  return `${node["Node Type"]} on ${node["Relation Name"]}`;
}
