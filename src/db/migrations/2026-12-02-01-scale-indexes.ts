import type { Kysely } from "kysely";
import type { Migration } from "../migrate.ts";

/**
 * The indexes the query-plan gate asked for (test/query-plan-gate.ts): without them each of these
 * reads a whole table that grows with owners, units or events.
 */
const INDEXES: readonly { name: string; table: string; columns: string[] }[] = [
  // Every product read joins its first-registration points by registration.
  { name: "points_ledger_registration_idx", table: "points_ledger", columns: ["registration_id"] },
  // An import forgets what imports that died long ago saw, by when they started.
  { name: "import_seen_started_idx", table: "import_seen", columns: ["started_at"] },
  // The demo mailbox lists the newest mails among every queued message.
  { name: "outbox_topic_idx", table: "outbox", columns: ["topic", "created_at"] },
  // better-auth deletes expired verification tokens by their expiry.
  { name: "verification_expires_idx", table: "verification", columns: ["expiresAt"] },
  // What happened to one claim, registration or account.
  { name: "audit_log_subject_idx", table: "audit_log", columns: ["subject_id"] },
  // Foreign keys: deleting an account (or a catalogue model) looks up its children by these.
  { name: "transfer_request_requester_idx", table: "transfer_request", columns: ["requester_id"] },
  { name: "device_authorization_user_idx", table: "device_authorization", columns: ["user_id"] },
  { name: "warranty_claim_owner_idx", table: "warranty_claim", columns: ["owner_id"] },
  { name: "model_gtin_model_idx", table: "model_gtin", columns: ["model_code"] },
  { name: "model_link_related_idx", table: "model_link", columns: ["related_code"] },
];

export const scaleIndexes: Migration = {
  name: "2026-12-02-01-scale-indexes",
  // biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
  async up(db: Kysely<any>) {
    for (const index of INDEXES) {
      await db.schema.createIndex(index.name).on(index.table).columns(index.columns).execute();
    }
  },
};
