import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CoarseType, type DeclaredTables, declaredTables } from "../../scripts/declared-tables.ts";
import { dialects, freshDatabase } from "../../test/harness.ts";
import type { Database, DialectName } from "./database.ts";

/**
 * tables.ts is written by hand; this holds it against the schema the migrations make, on both
 * databases: every table, every column, its nullability and a coarse type. (Chosen over
 * generating tables.ts: the hand-written file says more than a generator could, such as
 * `status: "pending" | "done" | "failed"` and the `Instant`/`Bool` conventions.)
 */

interface ActualColumn {
  /** The type as the database names it. */
  type: string;
  nullable: boolean;
}

type ActualTables = Map<string, Map<string, ActualColumn>>;

/** Kysely's own bookkeeping, not ours. */
const MIGRATOR_TABLES = new Set(["kysely_migration", "kysely_migration_lock"]);

async function actualTables(database: Database): Promise<ActualTables> {
  const tables: ActualTables = new Map();
  const add = (table: string, column: string, found: ActualColumn) => {
    if (MIGRATOR_TABLES.has(table)) return;
    tables.set(table, (tables.get(table) ?? new Map()).set(column, found));
  };
  if (database.dialect === "sqlite") {
    const names = await sql<{ name: string }>`
      select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name
    `.execute(database.db);
    for (const { name } of names.rows) {
      const columns = await sql<{ name: string; type: string; notnull: number; pk: number }>`
        select name, type, "notnull", pk from pragma_table_info(${name})
      `.execute(database.db);
      // A primary key is never null in our rows, though SQLite lets a non-integer one be.
      for (const c of columns.rows)
        add(name, c.name, { type: c.type, nullable: c.notnull === 0 && c.pk === 0 });
    }
  } else {
    const columns = await sql<{
      table_name: string;
      column_name: string;
      data_type: string;
      is_nullable: string;
    }>`
      select table_name, column_name, data_type, is_nullable from information_schema.columns
      where table_schema = current_schema() order by table_name, ordinal_position
    `.execute(database.db);
    for (const c of columns.rows) {
      add(c.table_name, c.column_name, { type: c.data_type, nullable: c.is_nullable === "YES" });
    }
  }
  return tables;
}

/**
 * What a declared type is stored as. SQLite keeps instants as ISO text and booleans as 0/1;
 * calendar dates are `string` in tables.ts and `date` on PostgreSQL; a `number` may be an
 * integer or a real.
 */
const STORED_AS: Record<DialectName, Record<CoarseType, readonly string[]>> = {
  sqlite: {
    text: ["text"],
    number: ["integer", "bigint", "real"],
    boolean: ["integer"],
    timestamp: ["text"],
    json: ["text", "json"],
  },
  postgres: {
    text: ["text", "character varying", "date"],
    number: ["integer", "bigint", "smallint", "real", "double precision", "numeric"],
    boolean: ["boolean"],
    timestamp: ["timestamp with time zone", "timestamp without time zone"],
    json: ["json", "jsonb"],
  },
};

function mismatches(dialect: DialectName, declared: DeclaredTables, actual: ActualTables): string[] {
  const out: string[] = [];
  for (const table of actual.keys()) {
    if (!declared.has(table)) out.push(`${table}: a table of the migrations that tables.ts does not declare`);
  }
  for (const [table, columns] of declared) {
    const real = actual.get(table);
    if (!real) {
      out.push(`${table}: declared in tables.ts, but no migration makes it`);
      continue;
    }
    for (const [column, found] of real) {
      const want = columns.get(column);
      if (!want) {
        out.push(`${table}.${column}: a column (${found.type}) that tables.ts does not declare`);
        continue;
      }
      if (want.nullable !== found.nullable) {
        out.push(
          `${table}.${column}: tables.ts says ${want.nullable ? "nullable" : "not null"}, the database ${found.nullable ? "nullable" : "not null"}`,
        );
      }
      if (!STORED_AS[dialect][want.type].includes(found.type.toLowerCase())) {
        out.push(`${table}.${column}: tables.ts says ${want.type}, the database ${found.type}`);
      }
    }
    for (const column of columns.keys()) {
      if (!real.has(column)) out.push(`${table}.${column}: declared in tables.ts, but no migration makes it`);
    }
  }
  return out;
}

const declared = declaredTables();

for (const dialect of dialects()) {
  describe(`tables.ts against the migrated schema on ${dialect}`, () => {
    let database: Database;
    let actual: ActualTables;
    beforeAll(async () => {
      database = await freshDatabase(dialect);
      actual = await actualTables(database);
    });
    afterAll(() => database.close());

    it("declares every table the migrations make, and no other", () => {
      expect([...declared.keys()].sort()).toEqual([...actual.keys()].sort());
    });

    it("declares every column with the database's name, nullability and type", () => {
      expect(mismatches(dialect, declared, actual)).toEqual([]);
    });
  });
}

describe("the comparison itself", () => {
  it("names a missing table, a missing column, a wrong nullability and a wrong type", () => {
    const declaredHere: DeclaredTables = new Map([
      [
        "unit",
        new Map([
          ["serial", { type: "text", nullable: false }],
          ["model_code", { type: "text", nullable: true }],
          ["market", { type: "number", nullable: false }],
          ["gone", { type: "text", nullable: false }],
        ]),
      ],
    ]);
    const actualHere: ActualTables = new Map([
      [
        "unit",
        new Map([
          ["serial", { type: "text", nullable: false }],
          ["model_code", { type: "text", nullable: false }],
          ["market", { type: "text", nullable: false }],
          ["imei1", { type: "text", nullable: true }],
        ]),
      ],
      ["device_token", new Map([["id", { type: "text", nullable: false }]])],
    ]);
    expect(mismatches("sqlite", declaredHere, actualHere)).toEqual([
      "device_token: a table of the migrations that tables.ts does not declare",
      "unit.model_code: tables.ts says nullable, the database not null",
      "unit.market: tables.ts says number, the database text",
      "unit.imei1: a column (text) that tables.ts does not declare",
      "unit.gone: declared in tables.ts, but no migration makes it",
    ]);
  });

  it("reads tables.ts's conventions: Instant, Bool, Generated, literal unions and type aliases", () => {
    expect(declared.get("audit_log")?.get("id")).toEqual({ type: "number", nullable: false });
    expect(declared.get("outbox")?.get("status")).toEqual({ type: "text", nullable: false });
    expect(declared.get("outbox")?.get("locked_until")).toEqual({ type: "timestamp", nullable: true });
    expect(declared.get("category")?.get("registrable")).toEqual({ type: "boolean", nullable: false });
    expect(declared.get("warranty_claim")?.get("status")).toEqual({ type: "text", nullable: false });
  });
});
