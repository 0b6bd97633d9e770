import { type Kysely, sql } from "kysely";
import type { Migration } from "../migrate.ts";

/**
 * Recommendations (R11, issue 17): how many owners have each pair of models (`co_ownership`), kept
 * by whatever creates or ends a registration, so "owners of your model also have" is one probe of
 * the owned model's rows (`co_ownership_top_idx`, most owners first) and never a scan of other
 * people's registrations. The counts of the registrations there are now are filled in once here.
 */
export const recommendations: Migration = {
  name: "2026-12-06-03-recommendations",
  // biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
  async up(db: Kysely<any>) {
    await db.schema
      .createTable("co_ownership")
      .addColumn("model_code", "text", (c) => c.notNull())
      .addColumn("other_code", "text", (c) => c.notNull())
      // Owners with an active registration of both models.
      .addColumn("owners", "integer", (c) => c.notNull())
      .addPrimaryKeyConstraint("co_ownership_pk", ["model_code", "other_code"])
      .execute();
    await db.schema
      .createIndex("co_ownership_top_idx")
      .on("co_ownership")
      .columns(["model_code", "owners", "other_code"])
      .execute();
    await sql`
      insert into co_ownership (model_code, other_code, owners)
      select ua.model_code, ub.model_code, count(distinct a.owner_id)
      from registration a
      join unit ua on ua.serial = a.unit_serial
      join registration b on b.owner_id = a.owner_id and b.removed_at is null
      join unit ub on ub.serial = b.unit_serial
      where a.removed_at is null and ua.model_code <> ub.model_code
      group by ua.model_code, ub.model_code
    `.execute(db);
  },
};
