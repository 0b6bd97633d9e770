import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects, freshDatabase } from "../../test/harness.ts";
import type { Database } from "./database.ts";
import { prepared } from "./prepared.ts";

const namesOf = prepared((db, role: string, limit: number) =>
  db
    .selectFrom("user")
    .select(["id", "name"])
    .where("role", "=", role)
    .where("locale", "!=", "constant-kept")
    .orderBy("id")
    .limit(limit),
);

for (const dialect of dialects()) {
  describe(`a query compiled once on ${dialect}`, () => {
    let database: Database;
    beforeAll(async () => {
      database = await freshDatabase(dialect);
      const at = new Date().toISOString();
      await database.db
        .insertInto("user")
        .values(
          [
            ["a", "customer"],
            ["b", "customer"],
            ["c", "agent"],
          ].map(([id, role]) => ({
            id: id as string,
            name: `Name ${id}`,
            email: `${id}@example.com`,
            emailVerified: true,
            image: null,
            role: role as string,
            locale: "nb",
            createdAt: at,
            updatedAt: at,
          })),
        )
        .execute();
    });
    afterAll(() => database.close());

    it("runs with each call's parameters in their places and keeps the builder's constants", async () => {
      expect(await namesOf(database.db, "customer", 5)).toEqual([
        { id: "a", name: "Name a" },
        { id: "b", name: "Name b" },
      ]);
      expect(await namesOf(database.db, "customer", 1)).toEqual([{ id: "a", name: "Name a" }]);
      expect(await namesOf(database.db, "agent", 5)).toEqual([{ id: "c", name: "Name c" }]);
    });

    it("is built once for the database and its transactions, and reads inside a transaction", async () => {
      let builds = 0;
      const roleOf = prepared((db, id: string) => {
        builds++;
        return db.selectFrom("user").select("role").where("id", "=", id);
      });
      expect(await roleOf(database.db, "a")).toEqual([{ role: "customer" }]);
      for (const id of ["c", "b"]) {
        const inside = await database.db.transaction().execute(async (trx) => {
          await trx.updateTable("user").set({ role: "agent" }).where("id", "=", "b").execute();
          return roleOf(trx, id);
        });
        expect(inside).toEqual([{ role: "agent" }]);
      }
      expect(builds).toBe(1);
    });
  });
}

describe("a prepared query's builder", () => {
  it("must use every parameter as a value, so no call's value is silently dropped", async () => {
    const database = await freshDatabase("sqlite");
    const unused = prepared((db, _ignored: string) => db.selectFrom("user").select("id"));
    await expect(unused(database.db, "x")).rejects.toThrow(/each of its parameters/);
    await database.close();
  });
});
