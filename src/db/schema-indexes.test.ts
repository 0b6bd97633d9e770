import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects, freshDatabase } from "../../test/harness.ts";
import { BOUNDED_TABLES } from "./bounded-tables.ts";
import type { Database } from "./database.ts";

/**
 * Two promises about the migrated schema that the query-plan gate cannot see in a plan: the
 * bounded-table list names real tables (a renamed table must not stay exempt under its old name),
 * and every foreign key leads some index, since deleting a parent row (an account, above all)
 * looks up its children by that key, and SQLite's and PostgreSQL's plans do not show that look-up.
 */

interface ForeignKey {
  table: string;
  columns: string[];
  parent: string;
}

interface Index {
  table: string;
  name: string;
  columns: string[];
}

async function tableNames(database: Database): Promise<string[]> {
  const { rows } =
    database.dialect === "sqlite"
      ? await sql<{ name: string }>`
          select name from sqlite_master where type = 'table' and name not like 'sqlite_%'
        `.execute(database.db)
      : await sql<{ name: string }>`
          select table_name as name from information_schema.tables where table_schema = current_schema()
        `.execute(database.db);
  return rows.map((r) => r.name);
}

async function sqliteForeignKeys(database: Database): Promise<ForeignKey[]> {
  const keys: ForeignKey[] = [];
  for (const table of await tableNames(database)) {
    const { rows } = await sql<{ id: number; seq: number; table: string; from: string }>`
      select id, seq, "table", "from" from pragma_foreign_key_list(${table}) order by id, seq
    `.execute(database.db);
    for (const id of new Set(rows.map((r) => r.id))) {
      const parts = rows.filter((r) => r.id === id);
      keys.push({ table, parent: parts[0]?.table ?? "", columns: parts.map((r) => r.from) });
    }
  }
  return keys;
}

/** Whole-table indexes only: a partial index does not hold every child row. */
async function sqliteIndexes(database: Database): Promise<Index[]> {
  const indexes: Index[] = [];
  for (const table of await tableNames(database)) {
    const { rows } = await sql<{ name: string }>`
      select name from pragma_index_list(${table}) where partial = 0
    `.execute(database.db);
    for (const { name } of rows) {
      const columns = await sql<{ name: string }>`
        select name from pragma_index_info(${name}) order by seqno
      `.execute(database.db);
      indexes.push({ table, name, columns: columns.rows.map((c) => c.name) });
    }
  }
  return indexes;
}

async function postgresForeignKeys(database: Database): Promise<ForeignKey[]> {
  const { rows } = await sql<ForeignKey>`
    select child.relname as "table", parent.relname as parent,
      array(
        select a.attname::text from unnest(c.conkey) with ordinality as k(attnum, position)
        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum
        order by k.position
      ) as columns
    from pg_constraint c
    join pg_class child on child.oid = c.conrelid
    join pg_class parent on parent.oid = c.confrelid
    where c.contype = 'f' and c.connamespace = current_schema()::regnamespace
  `.execute(database.db);
  return rows;
}

async function postgresIndexes(database: Database): Promise<Index[]> {
  const { rows } = await sql<Index>`
    select t.relname as "table", i.relname as name,
      array(
        select a.attname::text from unnest(x.indkey::int2[]) with ordinality as k(attnum, position)
        join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.attnum
        order by k.position
      ) as columns
    from pg_index x
    join pg_class t on t.oid = x.indrelid
    join pg_class i on i.oid = x.indexrelid
    where t.relnamespace = current_schema()::regnamespace and x.indpred is null
  `.execute(database.db);
  return rows;
}

/** An index serves a key when the key's columns, in any order, are its first columns. */
function unindexed(keys: readonly ForeignKey[], indexes: readonly Index[]): string[] {
  return keys
    .filter(
      (key) =>
        !indexes.some((index) => {
          const leading = new Set(index.columns.slice(0, key.columns.length));
          return index.table === key.table && key.columns.every((c) => leading.has(c));
        }),
    )
    .map((key) => `${key.table}(${key.columns.join(", ")}) → ${key.parent}`)
    .sort();
}

for (const dialect of dialects()) {
  describe(`the migrated schema's indexes on ${dialect}`, () => {
    let database: Database;
    beforeAll(async () => {
      database = await freshDatabase(dialect);
    });
    afterAll(() => database.close());

    it("names only real tables in the bounded-table list", async () => {
      const tables = new Set(await tableNames(database));
      expect(Object.keys(BOUNDED_TABLES).filter((name) => !tables.has(name))).toEqual([]);
    });

    it("leads some index with the columns of every foreign key", async () => {
      const [keys, indexes] =
        dialect === "sqlite"
          ? [await sqliteForeignKeys(database), await sqliteIndexes(database)]
          : [await postgresForeignKeys(database), await postgresIndexes(database)];
      expect(keys.length).toBeGreaterThan(10);
      expect(unindexed(keys, indexes)).toEqual([]);
    });
  });
}

describe("the foreign-key comparison itself", () => {
  it("passes a key that leads an index in another order, and names one that only follows", () => {
    const keys = [
      { table: "a", columns: ["x", "y"], parent: "p" },
      { table: "a", columns: ["z"], parent: "q" },
    ];
    const indexes = [{ table: "a", name: "a_idx", columns: ["y", "x", "z"] }];
    expect(unindexed(keys, indexes)).toEqual(["a(z) → q"]);
  });
});
