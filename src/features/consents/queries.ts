import type { Kysely } from "kysely";
import { newRowId } from "../../db/row-id.ts";
import type { ConsentPurposeColumn, ConsentSourceColumn, Tables } from "../../db/tables.ts";

type Db = Kysely<Tables>;

/**
 * The latest events of an owner, newest first, on the owner's index: enough for every purpose's
 * current answer and the history the privacy page shows.
 */
export async function consentEventsOf(db: Db, ownerId: string, limit: number) {
  return db
    .selectFrom("consent_event")
    .select(["purpose", "given", "text_version", "source", "at"])
    .where("owner_id", "=", ownerId)
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

/** The latest event of one purpose, or undefined when the owner never answered. */
export async function latestConsentEvent(db: Db, ownerId: string, purpose: ConsentPurposeColumn) {
  return db
    .selectFrom("consent_event")
    .select(["purpose", "given", "text_version", "at"])
    .where("owner_id", "=", ownerId)
    .where("purpose", "=", purpose)
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
}

export interface NewConsentEvent {
  ownerId: string;
  purpose: ConsentPurposeColumn;
  given: boolean;
  textVersion: string;
  source: ConsentSourceColumn;
  at: Date;
}

/** Appends answers; an answer is never changed or removed afterwards. */
export async function insertConsentEvents(db: Db, events: readonly NewConsentEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto("consent_event")
    .values(
      events.map((e) => ({
        id: newRowId(e.at.getTime()),
        owner_id: e.ownerId,
        purpose: e.purpose,
        given: e.given,
        text_version: e.textVersion,
        source: e.source,
        at: e.at.toISOString(),
      })),
    )
    .execute();
}

/** Whether an account with this id exists (a sign-up for a taken address answers with an id of none). */
export async function accountExists(db: Db, userId: string): Promise<boolean> {
  const row = await db.selectFrom("user").select("id").where("id", "=", userId).executeTakeFirst();
  return row !== undefined;
}
