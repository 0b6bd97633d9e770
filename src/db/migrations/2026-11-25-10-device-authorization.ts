import type { Kysely } from "kysely";
import { columnTypes } from "../column-types.ts";
import type { Migration } from "../migrate.ts";

/** OAuth 2.0 device authorization grants (RFC 8628) for TVs that register themselves (R8, B3). */
export const deviceAuthorization: Migration = {
  name: "2026-11-25-10-device-authorization",
  // biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
  async up(db: Kysely<any>, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable("device_authorization")
      .addColumn("device_code_hash", "text", (c) => c.primaryKey())
      .addColumn("user_code", "text", (c) => c.notNull().unique())
      .addColumn("client_id", "text", (c) => c.notNull())
      .addColumn("tv_serial", "text")
      .addColumn("tv_model", "text")
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("user_id", "text", (c) => c.references("user.id").onDelete("cascade"))
      .addColumn("interval_seconds", "integer", (c) => c.notNull())
      .addColumn("expires_at", t.instant, (c) => c.notNull())
      .addColumn("last_poll_at", t.instant)
      .execute();
  },
};
