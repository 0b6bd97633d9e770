import type { Kysely } from "kysely";
import { columnTypes } from "../column-types.ts";
import type { Migration } from "../migrate.ts";

/**
 * An owner's "download my data" (issue 15): one row per request, built in the background (queued,
 * building with its progress, ready with the file and until when, failed), and the file deleted
 * when its days are over. Indexed by owner for the privacy page and by status and expiry for the
 * sweep that deletes old files.
 */
export const dataExport: Migration = {
  name: "2026-12-03-07-data-export",
  // biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
  async up(db: Kysely<any>, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable("data_export")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("owner_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("progress", "integer", (c) => c.notNull())
      .addColumn("requested_at", t.instant, (c) => c.notNull())
      .addColumn("ready_at", t.instant)
      .addColumn("expires_at", t.instant)
      .addColumn("storage_key", "text")
      .addColumn("size", t.bigint)
      .addColumn("error", "text")
      .execute();
    await db.schema
      .createIndex("data_export_owner_idx")
      .on("data_export")
      .columns(["owner_id", "requested_at"])
      .execute();
    await db.schema
      .createIndex("data_export_expiry_idx")
      .on("data_export")
      .columns(["status", "expires_at"])
      .execute();
  },
};
