import { sql } from "kysely";
import type { Database } from "../../db/database.ts";
import { newRowId } from "../../db/row-id.ts";

export interface OutboxMessage {
  id: string;
  topic: string;
  payload: unknown;
  attempts: number;
}

/**
 * Adds a message to the outbox, due at `availableAt` (at once by default). With a `dedupeKey` the
 * same message is stored once, however often (and from however many app instances) it is
 * enqueued. `at` is when it is enqueued, by the caller's clock.
 *
 * @example
 * await enqueue(database, "mail", { to: "a@example.com" }, { dedupeKey: "reminder:42:60", at: clock.now() });
 */
export async function enqueue(
  database: Pick<Database, "db">,
  topic: string,
  payload: unknown,
  options: {
    dedupeKey?: string;
    availableAt?: Date;
    suppressed?: boolean;
    /** SHA-256 of a mail's address (`recipientHash`), so that erasing an account finds its mails. */
    recipientHash?: string;
    at: Date;
  },
): Promise<boolean> {
  const { at } = options;
  const now = at.toISOString();
  const result = await database.db
    .insertInto("outbox")
    .values({
      id: newRowId(),
      topic,
      dedupe_key: options.dedupeKey ?? null,
      payload: JSON.stringify(payload),
      // A suppressed message only takes its dedupe key, so that it is never sent.
      status: options.suppressed ? "done" : "pending",
      attempts: 0,
      available_at: (options.availableAt ?? at).toISOString(),
      locked_until: null,
      created_at: now,
      processed_at: options.suppressed ? now : null,
      last_error: null,
      recipient_hash: options.recipientHash ?? null,
    })
    .onConflict((oc) => oc.column("dedupe_key").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Claims up to `limit` messages due at `now` for `leaseMs`. A message whose lease runs out (its
 * worker died) is claimed again, so every message is handled at least once.
 */
export async function claimDue(
  database: Database,
  now: Date,
  limit: number,
  leaseMs: number,
): Promise<OutboxMessage[]> {
  const nowIso = now.toISOString();
  const leaseIso = new Date(now.getTime() + leaseMs).toISOString();
  const due = database.db
    .selectFrom("outbox")
    .select("id")
    .where("status", "=", "pending")
    .where("available_at", "<=", nowIso)
    .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", nowIso)]))
    .orderBy("available_at")
    .limit(limit);
  const rows = await database.db
    .updateTable("outbox")
    .set({ locked_until: leaseIso, attempts: sql<number>`attempts + 1` })
    .where("id", "in", database.dialect === "postgres" ? due.forUpdate().skipLocked() : due)
    .where("status", "=", "pending")
    .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", nowIso)]))
    .returning(["id", "topic", "payload", "attempts"])
    .execute();
  return rows.map((r) => ({
    id: r.id,
    topic: r.topic,
    payload: JSON.parse(r.payload),
    attempts: r.attempts,
  }));
}

/**
 * Marks a message handled. `forgotten` replaces its payload once it is sent: the last mail to an
 * erased account keeps no address.
 */
export async function markDone(database: Database, id: string, at: Date, forgotten?: unknown): Promise<void> {
  await database.db
    .updateTable("outbox")
    .set({
      status: "done",
      processed_at: at.toISOString(),
      locked_until: null,
      last_error: null,
      ...(forgotten === undefined ? {} : { payload: JSON.stringify(forgotten), recipient_hash: null }),
    })
    .where("id", "=", id)
    .execute();
}

/** Deletes every mail to an address, by the hash of it (erasing an account). */
export async function deleteMailsTo(db: Database["db"], recipientHash: string): Promise<void> {
  await db.deleteFrom("outbox").where("recipient_hash", "=", recipientHash).execute();
}

/** Retries later (a growing delay after `at`); gives up after `maxAttempts`. */
export async function markFailed(
  database: Database,
  message: OutboxMessage,
  error: string,
  maxAttempts: number,
  at: Date,
): Promise<void> {
  const giveUp = message.attempts >= maxAttempts;
  const delayMs = Math.min(2 ** message.attempts * 1000, 60 * 60 * 1000);
  const patch = {
    status: giveUp ? ("failed" as const) : ("pending" as const),
    locked_until: null,
    last_error: error.slice(0, 1000),
    available_at: new Date(at.getTime() + delayMs).toISOString(),
    processed_at: giveUp ? at.toISOString() : null,
  };
  await database.db.updateTable("outbox").set(patch).where("id", "=", message.id).execute();
}

/** The newest mails, for the demo-mode mailbox. */
export async function listMails(database: Database, limit: number) {
  const rows = await database.db
    .selectFrom("outbox")
    .select(["id", "payload", "status", "created_at"])
    .where("topic", "=", "mail")
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    createdAt: r.created_at,
    payload: JSON.parse(r.payload),
  }));
}
