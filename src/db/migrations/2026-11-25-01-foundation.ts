import type { Kysely } from "kysely";
import { columnTypes } from "../column-types.ts";
import type { Migration } from "../migrate.ts";

/** Accounts (better-auth's tables), profiles, the outbox and the audit log. */
export const foundation: Migration = {
  name: "2026-11-25-01-foundation",
  // biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
  async up(db: Kysely<any>, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable("user")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("email", "text", (c) => c.notNull().unique())
      .addColumn("emailVerified", t.bool, (c) => c.notNull().defaultTo(t.falseValue))
      .addColumn("image", "text")
      .addColumn("role", "text", (c) => c.notNull().defaultTo("customer"))
      .addColumn("locale", "text", (c) => c.notNull().defaultTo("nb"))
      .addColumn("createdAt", t.instant, (c) => c.notNull())
      .addColumn("updatedAt", t.instant, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("session")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("expiresAt", t.instant, (c) => c.notNull())
      .addColumn("token", "text", (c) => c.notNull().unique())
      .addColumn("createdAt", t.instant, (c) => c.notNull())
      .addColumn("updatedAt", t.instant, (c) => c.notNull())
      .addColumn("ipAddress", "text")
      .addColumn("userAgent", "text")
      .addColumn("userId", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
      .execute();
    await db.schema.createIndex("session_user_idx").on("session").column("userId").execute();
    await db.schema
      .createTable("account")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("accountId", "text", (c) => c.notNull())
      .addColumn("providerId", "text", (c) => c.notNull())
      .addColumn("userId", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
      .addColumn("accessToken", "text")
      .addColumn("refreshToken", "text")
      .addColumn("idToken", "text")
      .addColumn("accessTokenExpiresAt", t.instant)
      .addColumn("refreshTokenExpiresAt", t.instant)
      .addColumn("scope", "text")
      .addColumn("password", "text")
      .addColumn("createdAt", t.instant, (c) => c.notNull())
      .addColumn("updatedAt", t.instant, (c) => c.notNull())
      .execute();
    await db.schema.createIndex("account_user_idx").on("account").column("userId").execute();
    await db.schema
      .createTable("verification")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("identifier", "text", (c) => c.notNull())
      .addColumn("value", "text", (c) => c.notNull())
      .addColumn("expiresAt", t.instant, (c) => c.notNull())
      .addColumn("createdAt", t.instant, (c) => c.notNull())
      .addColumn("updatedAt", t.instant, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("verification_identifier_idx")
      .on("verification")
      .column("identifier")
      .execute();
    await db.schema
      .createTable("rateLimit")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("key", "text", (c) => c.notNull().unique())
      .addColumn("count", "integer", (c) => c.notNull())
      .addColumn("lastRequest", "bigint", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("profile")
      .addColumn("user_id", "text", (c) => c.primaryKey().references("user.id").onDelete("cascade"))
      .addColumn("phone", "text")
      .addColumn("address_line", "text")
      .addColumn("postal_code", "text")
      .addColumn("city", "text")
      .addColumn("country", "text", (c) => c.notNull().defaultTo("NO"))
      .addColumn("updated_at", t.instant, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("outbox")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("topic", "text", (c) => c.notNull())
      .addColumn("dedupe_key", "text", (c) => c.unique())
      .addColumn("payload", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("available_at", t.instant, (c) => c.notNull())
      .addColumn("locked_until", t.instant)
      .addColumn("created_at", t.instant, (c) => c.notNull())
      .addColumn("processed_at", t.instant)
      .addColumn("last_error", "text")
      .execute();
    await db.schema
      .createIndex("outbox_pending_idx")
      .on("outbox")
      .columns(["status", "available_at"])
      .execute();
    await db.schema
      .createTable("audit_log")
      .addColumn("id", t.serial, (c) =>
        dialect === "sqlite" ? c.primaryKey().autoIncrement() : c.primaryKey(),
      )
      .addColumn("actor_id", "text")
      .addColumn("actor_role", "text", (c) => c.notNull())
      .addColumn("action", "text", (c) => c.notNull())
      .addColumn("owner_id", "text")
      .addColumn("subject_type", "text", (c) => c.notNull())
      .addColumn("subject_id", "text")
      .addColumn("detail", "text")
      .addColumn("created_at", t.instant, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("audit_log_owner_idx")
      .on("audit_log")
      .columns(["owner_id", "created_at"])
      .execute();
  },
};
