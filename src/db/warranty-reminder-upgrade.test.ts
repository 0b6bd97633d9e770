import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../test/clock.ts";
import { dialects, testConfig } from "../../test/harness.ts";
import { emptyDatabase, insertOwner, migrateBefore } from "../../test/upgrade.ts";
import { runReminders } from "../features/warranty/reminders.ts";
import type { Database } from "./database.ts";
import { migrateToLatest } from "./migrate.ts";
import { warrantyReminder } from "./migrations/2026-12-02-02-warranty-reminder.ts";

for (const dialect of dialects()) {
  describe(`upgrading to stored reminder days on ${dialect}`, () => {
    let database: Database;
    beforeAll(async () => {
      database = await emptyDatabase(dialect);
      await migrateBefore(database, warrantyReminder);
      const at = "2026-12-01T10:00:00.000Z";
      await insertOwner(database, "owner-1", at);
      const registration = { unit_serial: "", owner_id: "owner-1", channel: "web-serial", registered_at: at };
      await database.db
        .insertInto("registration")
        .values([
          { ...registration, id: "active-1", unit_serial: "UNKNOWN0001", removed_at: null },
          { ...registration, id: "removed-1", unit_serial: "UNKNOWN0002", removed_at: at },
        ])
        .execute();
      await migrateToLatest(database);
    });
    afterAll(() => database.close());

    it("gives every active registration a day due at once, and a removed one none", async () => {
      const rows = await database.db.selectFrom("warranty_reminder").selectAll().execute();
      expect(rows).toEqual([{ registration_id: "active-1", due_on: "1970-01-01" }]);
    });

    it("lets the first run read each such registration once and store its real day", async () => {
      const clock = manualClock("2026-12-02T10:00:00Z");
      const first = await runReminders(database, testConfig(), clock);
      // The unit is not in the registry, so there is no coverage and no reminder: the row goes.
      expect(first).toMatchObject({ leased: true, visited: 1, finished: 1, queued: 0 });
      expect(await runReminders(database, testConfig(), clock)).toMatchObject({ visited: 0 });
    });
  });
}
