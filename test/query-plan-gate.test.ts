import { CompiledQuery } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import type { Database, DialectName } from "../src/db/database.ts";
import { dialects, freshDatabase } from "./harness.ts";
import { describeFindings, StatementLog } from "./query-plan-gate.ts";

/**
 * The gate itself, on each planner. The probe tables made here count as growing, since the
 * bounded-table list does not name them. The statements are fed to a log of the test's own that
 * judges test code too (the harness's leaves a test's own statements alone).
 */
let database: Database | undefined;
afterEach(async () => {
  await database?.close();
  database = undefined;
});

async function probe(dialect: DialectName, setup: string[]) {
  const fresh = await freshDatabase(dialect);
  database = fresh;
  for (const statement of setup) await fresh.db.executeQuery(CompiledQuery.raw(statement));
  const log = new StatementLog(dialect, { judgeTestCode: true });
  log.start();
  return {
    async run(sqlText: string, parameters: unknown[] = []) {
      const query = CompiledQuery.raw(sqlText, parameters);
      await fresh.db.executeQuery(query);
      log.record(query);
    },
    check: () => log.check(fresh),
  };
}

const marker = (dialect: DialectName, n: number) => (dialect === "sqlite" ? "?" : `$${n}`);

for (const dialect of dialects()) {
  describe(`the query-plan gate on ${dialect}`, () => {
    it("reports a statement that reads all of a growing table, with its plan, origin and the way out", async () => {
      const gate = await probe(dialect, ["create table gate_probe (id text primary key, tag text not null)"]);
      const statement = `select id from gate_probe where tag = ${marker(dialect, 1)}`;
      await gate.run(statement, ["a"]);
      const findings = await gate.check();
      expect(findings).toEqual([
        {
          sql: statement,
          table: "gate_probe",
          plan: dialect === "sqlite" ? "SCAN gate_probe" : "Seq Scan on gate_probe",
          origin: expect.stringMatching(/^test\/query-plan-gate\.test\.ts:\d+$/),
        },
      ]);
      expect(describeFindings(findings)).toMatch(/full scan of gate_probe[\s\S]*src\/db\/bounded-tables\.ts/);
    });

    it("passes the same statement once an index serves it, and any statement on a bounded table", async () => {
      const gate = await probe(dialect, [
        "create table gate_indexed (id text primary key, tag text not null)",
        "create index gate_indexed_tag_idx on gate_indexed (tag)",
      ]);
      await gate.run(`select id from gate_indexed where tag = ${marker(dialect, 1)}`, ["a"]);
      await gate.run(`select code from category where name_en = ${marker(dialect, 1)}`, ["TV"]);
      expect(await gate.check()).toEqual([]);
    });

    it("asks the planner about each SQL text once in a process", async () => {
      const gate = await probe(dialect, ["create table gate_once (id text primary key, tag text not null)"]);
      await gate.run(`select id from gate_once where tag = ${marker(dialect, 1)}`, ["a"]);
      await gate.run(`select id from gate_once where tag = ${marker(dialect, 1)}`, ["b"]);
      expect(await gate.check()).toHaveLength(1);
      await gate.run(`select id from gate_once where tag = ${marker(dialect, 1)}`, ["c"]);
      expect(await gate.check()).toEqual([]);
    });
  });
}

// PostgreSQL's choice of index on a table of a few rows is a guess from costs; SQLite plans from
// the query's shape alone, so the walk of a whole index is judged there.
describe("the query-plan gate on SQLite's index walks", () => {
  const setup = [
    "create table gate_walk (id text primary key, tag text not null)",
    "create index gate_walk_tag_idx on gate_walk (tag)",
  ];

  it("reports a walk of a whole index that no LIMIT stops", async () => {
    const gate = await probe("sqlite", setup);
    await gate.run("select tag from gate_walk order by tag");
    expect(await gate.check()).toMatchObject([
      { table: "gate_walk", plan: "SCAN gate_walk USING COVERING INDEX gate_walk_tag_idx" },
    ]);
  });

  it("passes an ordered walk that a LIMIT stops", async () => {
    const gate = await probe("sqlite", setup);
    await gate.run("select tag from gate_walk order by tag limit ?", [1]);
    expect(await gate.check()).toEqual([]);
  });

  it("passes a walk that the LIMIT of its subquery stops, and reports a read of the whole table there", async () => {
    const gate = await probe("sqlite", setup);
    const page = (order: string) =>
      `select p.id from (select id, tag from gate_walk order by ${order} limit ?) as "p" inner join gate_walk on gate_walk.id = p.id order by p.tag limit ?`;
    await gate.run(page("tag"), [5, 5]);
    expect(await gate.check()).toEqual([]);
    await gate.run(page("upper(tag)"), [5, 5]);
    expect(await gate.check()).toMatchObject([{ table: "gate_walk", plan: "SCAN gate_walk" }]);
  });
});
