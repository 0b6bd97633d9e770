import type { Kysely } from "kysely";
import type { Tables } from "../../db/tables.ts";

type Db = Kysely<Tables>;

/** Records that an event arrived; false when it had arrived before (the primary key decides). */
export async function recordWebhookEvent(db: Db, eventId: string, at: Date): Promise<boolean> {
  const result = await db
    .insertInto("webhook_event")
    .values({ source: "smarthome", event_id: eventId, received_at: at.toISOString() })
    .onConflict((oc) => oc.columns(["source", "event_id"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}
