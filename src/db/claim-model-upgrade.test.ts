import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects } from "../../test/harness.ts";
import { emptyDatabase, insertOwner, insertTvUnit, migrateBefore } from "../../test/upgrade.ts";
import { OPEN_CLAIM_STATUSES } from "../domain/claim-lifecycle.ts";
import { reviewQueueQuery } from "../features/claims/queries.ts";
import type { Database } from "./database.ts";
import { migrateToLatest } from "./migrate.ts";
import { claimQueueCovering } from "./migrations/2026-12-02-07-claim-queue-covering.ts";

for (const dialect of dialects()) {
  describe(`upgrading claims to keep their model on ${dialect}`, () => {
    let database: Database;
    beforeAll(async () => {
      database = await emptyDatabase(dialect);
      await migrateBefore(database, claimQueueCovering);
      const at = "2026-12-01T10:00:00.000Z";
      const { db } = database;
      await insertOwner(database, "owner-1", at);
      await insertTvUnit(database, "TVSERIAL01", at);
      const registration = {
        owner_id: "owner-1",
        channel: "web-serial",
        purchase_date: null,
        purchase_place: null,
        nickname: null,
        registered_at: at,
        removed_at: null,
      };
      await db
        .insertInto("registration")
        .values([
          { ...registration, id: "known", unit_serial: "TVSERIAL01" },
          { ...registration, id: "unknown", unit_serial: "NOTINREGISTRY" },
        ])
        .execute();
      const claim = { owner_id: "owner-1", purchase_date: "2026-01-05", seller: "Direct", updated_at: at };
      // Written as a portal of the day before wrote them: no model column yet.
      await db
        .insertInto("warranty_claim")
        .values([
          {
            ...claim,
            id: "open",
            registration_id: "known",
            unit_serial: "TVSERIAL01",
            status: "submitted",
            created_at: at,
          },
          {
            ...claim,
            id: "decided",
            registration_id: "known",
            unit_serial: "TVSERIAL01",
            status: "rejected",
            created_at: "2026-11-01T10:00:00.000Z",
          },
          {
            ...claim,
            id: "no-unit",
            registration_id: "unknown",
            unit_serial: "NOTINREGISTRY",
            status: "submitted",
            created_at: at,
          },
        ] as never)
        .execute();
      await migrateToLatest(database);
    });
    afterAll(() => database.close());

    it("gives each claim its unit's model, and none where the unit is not in the registry", async () => {
      const rows = await database.db
        .selectFrom("warranty_claim")
        .select(["id", "model_code"])
        .orderBy("id")
        .execute();
      expect(rows).toEqual([
        { id: "decided", model_code: "TV-55" },
        { id: "no-unit", model_code: null },
        { id: "open", model_code: "TV-55" },
      ]);
    });

    it("shows an upgraded open claim in the reviewers' queue with its product and owner", async () => {
      const page = await reviewQueueQuery(database.db, database.dialect, {
        statuses: OPEN_CLAIM_STATUSES,
        createdBefore: null,
        limit: 10,
      }).execute();
      expect(page).toEqual([
        expect.objectContaining({
          id: "open",
          status: "submitted",
          unit_serial: "TVSERIAL01",
          name_en: "TV 55 inch",
          owner_name: "Ada",
        }),
      ]);
    });
  });
}
