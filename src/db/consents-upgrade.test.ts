import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects } from "../../test/harness.ts";
import { emptyDatabase, insertOwner, migrateBefore } from "../../test/upgrade.ts";
import type { Database } from "./database.ts";
import { migrateToLatest } from "./migrate.ts";
import { consents } from "./migrations/2026-12-03-06-consents.ts";
import { toBool, toInstant } from "./tables.ts";

for (const dialect of dialects()) {
  describe(`upgrading the members app's consent into the consent history on ${dialect}`, () => {
    let database: Database;
    beforeAll(async () => {
      database = await emptyDatabase(dialect);
      await migrateBefore(database, consents);
      await insertOwner(database, "owner-1", "2026-11-30T10:00:00.000Z");
      await insertOwner(database, "owner-2", "2026-11-30T10:00:00.000Z");
      // As a portal of the day before kept it: one row per owner who confirmed.
      await sql`insert into app_consent (owner_id, text_version, confirmed_at)
        values ('owner-1', '2026-11-25', ${"2026-12-01T08:00:00.000Z"})`.execute(database.db);
      await migrateToLatest(database);
    });
    afterAll(() => database.close());

    it("keeps each confirmation as a line given from the app, dated when it was confirmed", async () => {
      const rows = await database.db.selectFrom("consent_event").selectAll().execute();
      expect(
        rows.map((r) => [r.owner_id, r.purpose, toBool(r.given), r.text_version, r.source, toInstant(r.at)]),
      ).toEqual([["owner-1", "app-own-devices", true, "2026-11-25", "app", "2026-12-01T08:00:00.000Z"]]);
    });
  });
}
