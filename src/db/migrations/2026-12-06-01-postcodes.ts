import type { Kysely } from "kysely";
import type { Migration } from "../migrate.ts";

/**
 * The postal register: which place each postcode belongs to, per country, so My information can
 * fill in the place as the owner types the postcode. The operator loads it from the post's own
 * register (`npm run cli -- import postcodes FILE`); the demo data loads a real subset of Norway's.
 */
export const postcodes: Migration = {
  name: "2026-12-06-01-postcodes",
  // biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
  async up(db: Kysely<any>) {
    await db.schema
      .createTable("postcode")
      .addColumn("country", "text", (c) => c.notNull())
      .addColumn("code", "text", (c) => c.notNull())
      .addColumn("place", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("postcode_pk", ["country", "code"])
      .execute();
  },
};
