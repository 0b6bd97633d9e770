import type { Kysely } from "kysely";
import { columnTypes } from "../column-types.ts";
import type { Migration } from "../migrate.ts";

/** Event ids of webhooks already applied: a replayed event changes nothing. */
export const webhookEvent: Migration = {
  name: "2026-11-25-09-webhook-event",
  // biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
  async up(db: Kysely<any>, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable("webhook_event")
      .addColumn("source", "text", (c) => c.notNull())
      .addColumn("event_id", "text", (c) => c.notNull())
      .addColumn("received_at", t.instant, (c) => c.notNull())
      .addPrimaryKeyConstraint("webhook_event_pk", ["source", "event_id"])
      .execute();
  },
};
