import { type Kysely, sql } from "kysely";
import { phoneKey } from "../../domain/customer-search.ts";
import type { Migration } from "../migrate.ts";

/**
 * Customer service finds an owner by phone number or by the start of a name. A phone is stored as
 * the owner typed it, so its digits are kept beside it as a key (`phoneKey`), indexed; a name is
 * found by its start, as typed or capitalized, each a range of an index on the name.
 */
export const customerSearch: Migration = {
  name: "2026-12-02-09-customer-search",
  // biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
  async up(db: Kysely<any>, dialect) {
    await db.schema.alterTable("profile").addColumn("phone_key", "text").execute();
    const phones: { user_id: string; phone: string }[] = await db
      .selectFrom("profile")
      .select(["user_id", "phone"])
      .where("phone", "is not", null)
      .execute();
    for (const { user_id, phone } of phones) {
      await db
        .updateTable("profile")
        .set({ phone_key: phoneKey(phone) })
        .where("user_id", "=", user_id)
        .execute();
    }
    await db.schema.createIndex("profile_phone_key_idx").on("profile").column("phone_key").execute();
    // Byte order on both (SQLite's own; "C" on PostgreSQL), so that a prefix is one range of the index.
    await (dialect === "postgres"
      ? sql`create index user_name_search_idx on "user" (name collate "C")`
      : sql`create index user_name_search_idx on "user" (name)`
    ).execute(db);
  },
};
