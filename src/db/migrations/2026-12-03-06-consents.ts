import { type Kysely, sql } from "kysely";
import { columnTypes } from "../column-types.ts";
import type { Migration } from "../migrate.ts";

/**
 * Consent per purpose (issue 15): every answer an owner gives is a line of `consent_event`, never
 * changed afterwards: the purpose, given or refused, the version of the text answered, where it was
 * given (sign-up, the privacy page, the members app) and when. The latest line of a purpose is the
 * owner's answer. The terms and the privacy notice accepted at sign-up are lines of their own.
 * The members app's "only my own devices" confirmation moves here from `app_consent`, one line
 * each, dated when it was confirmed.
 */
export const consents: Migration = {
  name: "2026-12-03-06-consents",
  // biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
  async up(db: Kysely<any>, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable("consent_event")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("owner_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
      .addColumn("purpose", "text", (c) => c.notNull())
      .addColumn("given", t.bool, (c) => c.notNull())
      .addColumn("text_version", "text", (c) => c.notNull())
      .addColumn("source", "text", (c) => c.notNull())
      .addColumn("at", t.instant, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("consent_event_owner_idx")
      .on("consent_event")
      .columns(["owner_id", "purpose", "at", "id"])
      .execute();
    const given = dialect === "postgres" ? sql`true` : sql`1`;
    await sql`insert into consent_event (id, owner_id, purpose, given, text_version, source, at)
      select 'app-' || owner_id, owner_id, 'app-own-devices', ${given}, text_version, 'app', confirmed_at
      from app_consent`.execute(db);
    await db.schema.dropTable("app_consent").execute();
  },
};
