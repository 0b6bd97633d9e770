import { type Kysely, sql } from "kysely";
import { columnTypes } from "../column-types.ts";
import type { Migration } from "../migrate.ts";

/**
 * The tokens a TV or a Wi-Fi scanner gets from the device grant: our own, not the owner's
 * better-auth session, so that they reach only the routes of their kind and expire within hours.
 * Only a hash of each token is stored. The indexes serve the sweep of expired tokens and grants.
 */
export const deviceToken: Migration = {
  name: "2026-12-01-03-device-token",
  // biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
  async up(db: Kysely<any>, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable("device_token")
      .addColumn("token_hash", "text", (c) => c.primaryKey())
      .addColumn("client", "text", (c) => c.notNull())
      .addColumn("owner_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
      .addColumn("client_id", "text", (c) => c.notNull())
      .addColumn("tv_serial", "text")
      .addColumn("tv_model", "text")
      .addColumn("created_at", t.instant, (c) => c.notNull())
      .addColumn("expires_at", t.instant, (c) => c.notNull())
      .addCheckConstraint("device_token_client_check", sql`client in ('tv', 'scanner')`)
      .execute();
    await db.schema.createIndex("device_token_owner_idx").on("device_token").column("owner_id").execute();
    await db.schema.createIndex("device_token_expires_idx").on("device_token").column("expires_at").execute();
    await db.schema
      .createIndex("device_authorization_expires_idx")
      .on("device_authorization")
      .column("expires_at")
      .execute();
  },
};
