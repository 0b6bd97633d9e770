import { type Kysely, sql } from "kysely";
import { columnTypes } from "../column-types.ts";
import type { Migration } from "../migrate.ts";

/**
 * What a running import has seen (serials and IMEIs with their line), so that duplicates within a
 * file are found with constant memory in the importing process, however long the file.
 */
export const importSeen: Migration = {
  name: "2026-11-25-04-import-seen",
  // biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
  async up(db: Kysely<any>, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable("import_seen")
      .addColumn("import_id", "text", (c) => c.notNull())
      .addColumn("key", "text", (c) => c.notNull())
      .addColumn("line", "integer", (c) => c.notNull())
      .addColumn("started_at", t.instant, (c) => c.notNull())
      .addPrimaryKeyConstraint("import_seen_pk", ["import_id", "key"])
      // Narrow rows looked up by their key only: on SQLite the table is its own index.
      .$call((b) => (dialect === "sqlite" ? b.modifyEnd(sql`without rowid`) : b))
      .execute();
  },
};
