import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { Kysely, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { NodeSqliteDialect } from "./sqlite-dialect.ts";

interface T {
  item: { id: number; name: string; flag: number; at: string | null };
}

async function fresh() {
  const db = new Kysely<T>({ dialect: new NodeSqliteDialect({ database: new DatabaseSync(":memory:") }) });
  await sql`create table item (id integer primary key, name text not null unique, flag integer, at text)`.execute(
    db,
  );
  return db;
}

describe("the node:sqlite dialect", () => {
  it("inserts, selects and reports affected rows", async () => {
    const db = await fresh();
    const result = await db
      .insertInto("item")
      .values({ id: 1, name: "a", flag: 0, at: null })
      .executeTakeFirst();
    expect(result.numInsertedOrUpdatedRows).toBe(1n);
    const updated = await db.updateTable("item").set({ name: "b" }).where("id", "=", 1).executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(1n);
    expect(await db.selectFrom("item").selectAll().execute()).toEqual([
      { id: 1, name: "b", flag: 0, at: null },
    ]);
  });

  it("writes a whole-number LIMIT into the SQL and keeps every other value a parameter", async () => {
    const db = await fresh();
    await db
      .insertInto("item")
      .values([1, 2, 3, 4].map((id) => ({ id, name: `n${id}`, flag: 0, at: null })))
      .execute();
    const query = db.selectFrom("item").select("id").where("flag", "=", 0).orderBy("id").limit(2).offset(1);
    // SQLite prepares a statement again each time a LIMIT parameter is bound: a literal is planned once.
    expect(query.compile().sql).toBe(
      'select "id" from "item" where "flag" = ? order by "id" limit 2 offset ?',
    );
    expect(query.compile().parameters).toEqual([0, 1]);
    expect(await query.execute()).toEqual([{ id: 2 }, { id: 3 }]);
    // A LIMIT that is not a plain number (here an expression) is still compiled as Kysely writes it.
    const computed = db.selectFrom("item").select("id").orderBy("id").limit(sql<number>`${1} + ${1}`);
    expect(computed.compile().sql).toContain("limit ? + ?");
    expect(await computed.execute()).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it("returns rows from INSERT … RETURNING", async () => {
    const db = await fresh();
    const row = await db
      .insertInto("item")
      .values({ id: 7, name: "x", flag: 1, at: null })
      .returning(["id", "name"])
      .executeTakeFirst();
    expect(row).toEqual({ id: 7, name: "x" });
  });

  it("binds booleans as 0/1 and dates as ISO text", async () => {
    const db = await fresh();
    const at = new Date("2026-01-02T03:04:05.000Z");
    await db
      .insertInto("item")
      // biome-ignore lint/suspicious/noExplicitAny: deliberately binding JS types SQLite lacks.
      .values({ id: 1, name: "a", flag: true as any, at: at as any })
      .execute();
    expect(await db.selectFrom("item").select(["flag", "at"]).executeTakeFirst()).toEqual({
      flag: 1,
      at: at.toISOString(),
    });
  });

  it("commits a transaction, and rolls one back on error", async () => {
    const db = await fresh();
    await db
      .transaction()
      .execute((trx) => trx.insertInto("item").values({ id: 1, name: "kept", flag: 0, at: null }).execute());
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto("item").values({ id: 2, name: "dropped", flag: 0, at: null }).execute();
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect((await db.selectFrom("item").select("name").execute()).map((r) => r.name)).toEqual(["kept"]);
  });

  it("serialises concurrent transactions on its one connection", async () => {
    const db = await fresh();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.transaction().execute(async (trx) => {
          await trx
            .insertInto("item")
            .values({ id: i, name: `n${i}`, flag: 0, at: null })
            .execute();
        }),
      ),
    );
    const count = await db.selectFrom("item").select(db.fn.countAll<number>().as("n")).executeTakeFirst();
    expect(count?.n).toBe(20);
  });

  it("surfaces a unique violation as an error", async () => {
    const db = await fresh();
    await db.insertInto("item").values({ id: 1, name: "same", flag: 0, at: null }).execute();
    await expect(
      db.insertInto("item").values({ id: 2, name: "same", flag: 0, at: null }).execute(),
    ).rejects.toThrow(/UNIQUE/);
  });

  it("streams rows one by one", async () => {
    const db = await fresh();
    await db
      .insertInto("item")
      .values(Array.from({ length: 5 }, (_, i) => ({ id: i, name: `n${i}`, flag: 0, at: null })))
      .execute();
    const names: string[] = [];
    for await (const row of db.selectFrom("item").select("name").orderBy("id").stream()) names.push(row.name);
    expect(names).toEqual(["n0", "n1", "n2", "n3", "n4"]);
  });

  describe("reads of one turn of the event loop share one read transaction", () => {
    const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

    async function onFile() {
      const file = join(mkdtempSync(join(tmpdir(), "portal-dialect-")), "db.sqlite");
      const database = new DatabaseSync(file);
      database.exec("pragma journal_mode = wal");
      const db = new Kysely<T>({ dialect: new NodeSqliteDialect({ database }) });
      await sql`create table item (id integer primary key, name text not null unique, flag integer, at text)`.execute(
        db,
      );
      const other = new DatabaseSync(file);
      return { db, database, other };
    }
    const names = async (db: Kysely<T>) =>
      (await db.selectFrom("item").select("name").orderBy("id").execute()).map((r) => r.name);

    it("a read right after a write on the same connection sees it", async () => {
      const { db } = await onFile();
      expect(await names(db)).toEqual([]);
      await db.insertInto("item").values({ id: 1, name: "mine", flag: 0, at: null }).execute();
      expect(await names(db)).toEqual(["mine"]);
    });

    it("another connection's commit shows from the next turn on, and is never blocked", async () => {
      const { db, database, other } = await onFile();
      expect(await names(db)).toEqual([]);
      expect(database.isTransaction).toBe(true);
      other.prepare("insert into item (id, name) values (1, 'theirs')").run();
      expect(await names(db)).toEqual([]);
      await nextTurn();
      expect(database.isTransaction).toBe(false);
      expect(await names(db)).toEqual(["theirs"]);
    });

    it("a transaction after reads in the same turn commits for everyone", async () => {
      const { db, other } = await onFile();
      expect(await names(db)).toEqual([]);
      await db
        .transaction()
        .execute((trx) =>
          trx.insertInto("item").values({ id: 1, name: "kept", flag: 0, at: null }).execute(),
        );
      expect(other.prepare("select name from item").all()).toEqual([{ name: "kept" }]);
      expect(await names(db)).toEqual(["kept"]);
    });

    it("closing with a read open leaves nothing to fail on the next turn", async () => {
      const { db } = await onFile();
      await names(db);
      await db.destroy();
      await nextTurn();
    });
  });

  describe("writes of one turn of the event loop share one COMMIT", () => {
    async function onFile() {
      const file = join(mkdtempSync(join(tmpdir(), "portal-dialect-")), "db.sqlite");
      const database = new DatabaseSync(file);
      database.exec("pragma journal_mode = wal");
      database.exec("pragma wal_autocheckpoint = 0");
      database.exec("pragma foreign_keys = on");
      const db = new Kysely<T>({ dialect: new NodeSqliteDialect({ database }) });
      await sql`create table item (id integer primary key, name text not null unique, flag integer, at text)`.execute(
        db,
      );
      const other = new DatabaseSync(file);
      /** Frames in the log since it was last emptied: each COMMIT writes at least one. */
      const frames = () => {
        const { log } = other.prepare("pragma wal_checkpoint(passive)").get() as { log: number };
        return log;
      };
      other.exec("pragma wal_checkpoint(truncate)");
      const names = () =>
        other
          .prepare("select name from item order by id")
          .all()
          .map((r) => r.name);
      return { db, frames, names };
    }
    const insert = (db: Kysely<T>, id: number, name = `n${id}`) =>
      db.insertInto("item").values({ id, name, flag: 0, at: null }).execute();

    it("writes that arrive together are one COMMIT; one after another, one each", async () => {
      const { db, frames, names } = await onFile();
      await Promise.all(Array.from({ length: 20 }, (_, i) => insert(db, i)));
      expect(names()).toHaveLength(20);
      const together = frames();
      for (let i = 20; i < 40; i++) await insert(db, i);
      expect(names()).toHaveLength(40);
      expect(together).toBeLessThanOrEqual(2);
      expect(frames() - together).toBeGreaterThanOrEqual(20);
    });

    it("a writer hears of success only once its write is committed for every connection", async () => {
      const { db, names } = await onFile();
      await db.transaction().execute((trx) => insert(trx, 1, "in a transaction"));
      expect(names()).toEqual(["in a transaction"]);
      await insert(db, 2, "on its own");
      expect(names()).toEqual(["in a transaction", "on its own"]);
    });

    it("a transaction or a statement that fails leaves the others of its turn alone", async () => {
      const { db, names } = await onFile();
      const results = await Promise.allSettled([
        insert(db, 1, "first"),
        db.transaction().execute(async (trx) => {
          await insert(trx, 2, "rolled back");
          throw new Error("boom");
        }),
        insert(db, 3, "first"),
        db.transaction().execute((trx) => insert(trx, 4, "last")),
      ]);
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "rejected", "fulfilled"]);
      expect(String((results[2] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
      expect(names()).toEqual(["first", "last"]);
    });

    it("a statement that cannot be in a transaction commits the turn's writes first", async () => {
      const { db, names } = await onFile();
      const written = insert(db, 1, "before the table");
      await sql`create table other_item (id integer primary key)`.execute(db);
      await written;
      expect(names()).toEqual(["before the table"]);
    });

    it("a COMMIT that fails tells every writer of its turn, and keeps none of their writes", async () => {
      const { db, names } = await onFile();
      await sql`create table note (id integer primary key, item_id integer references item (id) deferrable initially deferred)`.execute(
        db,
      );
      const results = await Promise.allSettled([
        insert(db, 1, "innocent"),
        sql`insert into note (id, item_id) values (1, 999)`.execute(db),
      ]);
      expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
      expect(names()).toEqual([]);
      await insert(db, 2, "next turn");
      expect(names()).toEqual(["next turn"]);
    });
  });
});
