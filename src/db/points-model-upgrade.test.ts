import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects } from "../../test/harness.ts";
import { emptyDatabase, insertOwner, insertTvUnit, migrateBefore } from "../../test/upgrade.ts";
import type { Database } from "./database.ts";
import { migrateToLatest } from "./migrate.ts";
import { pointsModel } from "./migrations/2026-12-02-05-points-model.ts";

for (const dialect of dialects()) {
  describe(`upgrading points entries to keep their model on ${dialect}`, () => {
    let database: Database;
    beforeAll(async () => {
      database = await emptyDatabase(dialect);
      await migrateBefore(database, pointsModel);
      const at = "2026-12-01T10:00:00.000Z";
      const { db } = database;
      await insertOwner(database, "owner-1", at);
      await insertTvUnit(database, "TVSERIAL01", at);
      const entry = { owner_id: "owner-1", registration_id: null, points: 100, created_at: at };
      // Written as a portal of the day before wrote them: no model column yet.
      await db
        .insertInto("points_ledger")
        .values([
          { ...entry, id: "earned", unit_serial: "TVSERIAL01", kind: "first-registration" },
          { ...entry, id: "unknown-unit", unit_serial: "NOTINREGISTRY", kind: "first-registration" },
          { ...entry, id: "no-unit", unit_serial: null, kind: "adjustment" },
        ] as never)
        .execute();
      await migrateToLatest(database);
    });
    afterAll(() => database.close());

    it("gives each entry its unit's model, and none where there is no unit", async () => {
      const rows = await database.db
        .selectFrom("points_ledger")
        .select(["id", "model_code"])
        .orderBy("id")
        .execute();
      expect(rows).toEqual([
        { id: "earned", model_code: "TV-55" },
        { id: "no-unit", model_code: null },
        { id: "unknown-unit", model_code: null },
      ]);
    });
  });
}
