import { sql } from "kysely";
import type { Database } from "../src/db/database.ts";

/** Columns that name the owner of a row without a foreign key. */
const OWNER_COLUMNS = new Set(["owner_id", "user_id", "userId", "requester_id"]);

/**
 * Every table that holds an owner's data, read from the schema: a foreign key to `user` or an
 * owner column, or a foreign key to such a table (a claim's events by the claim).
 */
export async function ownerTables(database: Database): Promise<string[]> {
  const { db } = database;
  const edges: { child: string; parent: string }[] =
    database.dialect === "sqlite"
      ? (
          await sql<{ child: string; parent: string }>`
            select m.name as child, f."table" as parent
            from sqlite_master m, pragma_foreign_key_list(m.name) f where m.type = 'table'`.execute(db)
        ).rows
      : (
          await sql<{ child: string; parent: string }>`
            select tc.table_name as child, ccu.table_name as parent
            from information_schema.table_constraints tc
            join information_schema.constraint_column_usage ccu
              on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
            where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = current_schema()`.execute(db)
        ).rows;
  const columns: { table: string; column: string }[] =
    database.dialect === "sqlite"
      ? (
          await sql<{ table: string; column: string }>`
            select m.name as "table", c.name as "column"
            from sqlite_master m, pragma_table_info(m.name) c where m.type = 'table'`.execute(db)
        ).rows
      : (
          await sql<{ table: string; column: string }>`
            select table_name as "table", column_name as "column"
            from information_schema.columns where table_schema = current_schema()`.execute(db)
        ).rows;
  const found = new Set<string>(["user"]);
  for (const { table, column } of columns) if (OWNER_COLUMNS.has(column)) found.add(table);
  for (let grew = true; grew; ) {
    grew = false;
    for (const { child, parent } of edges) {
      if (found.has(parent) && !found.has(child)) {
        found.add(child);
        grew = true;
      }
    }
  }
  return [...found].sort();
}
