import type { Kysely } from "kysely";
import { columnTypes } from "../column-types.ts";
import type { Migration } from "../migrate.ts";

/**
 * Deleting an account (issue 15). `user.deletion_requested_at` and `deletion_due_at` mark an
 * account the owner asked to delete, until the grace period ends (the erasure job finds those due
 * through their index); `erased_at` marks one erased, whose row stays, without name or e-mail, as
 * the owner of the warranty, claim and repair records the manufacturer keeps. `outbox.recipient_hash`
 * (SHA-256 of the address) finds the mails to an owner, so that erasure can delete them.
 */
export const accountErasure: Migration = {
  name: "2026-12-03-08-account-erasure",
  // biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
  async up(db: Kysely<any>, dialect) {
    const t = columnTypes(dialect);
    await db.schema.alterTable("user").addColumn("deletion_requested_at", t.instant).execute();
    await db.schema.alterTable("user").addColumn("deletion_due_at", t.instant).execute();
    await db.schema.alterTable("user").addColumn("erased_at", t.instant).execute();
    await db.schema.createIndex("user_deletion_due_idx").on("user").columns(["deletion_due_at"]).execute();
    await db.schema.alterTable("outbox").addColumn("recipient_hash", "text").execute();
    await db.schema.createIndex("outbox_recipient_idx").on("outbox").columns(["recipient_hash"]).execute();
  },
};
