import type { Kysely } from "kysely";
import type { Migration } from "../migrate.ts";

/**
 * The admin's list of staff accounts reads the few accounts that are not customers among every
 * account: by role and name, through this index, never the whole user table.
 */
export const staffIndex: Migration = {
  name: "2026-12-03-04-staff-index",
  // biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
  async up(db: Kysely<any>) {
    await db.schema.createIndex("user_role_idx").on("user").columns(["role", "name"]).execute();
  },
};
