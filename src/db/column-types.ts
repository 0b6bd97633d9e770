import { type RawBuilder, sql } from "kysely";
import type { DialectName } from "./database.ts";

/**
 * Column types that differ between the two databases, so one migration serves both.
 *
 * @example
 * const t = columnTypes("postgres");
 * schema.addColumn("created_at", t.instant, (c) => c.notNull());
 */
export function columnTypes(dialect: DialectName) {
  const pg = dialect === "postgres";
  return {
    instant: (pg ? "timestamptz" : "text") as "text",
    date: (pg ? "date" : "text") as "text",
    bool: (pg ? "boolean" : "integer") as "integer",
    bigint: "bigint" as const,
    /** An auto-incrementing integer key. */
    serial: (pg ? "bigserial" : "integer") as "integer",
    falseValue: (pg ? sql`false` : sql`0`) as RawBuilder<unknown>,
  };
}
