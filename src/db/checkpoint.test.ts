import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { backgroundCheckpoints } from "./checkpoint.ts";
import { type Database, openDatabase } from "./database.ts";

const PAGE = 4096;
/** Rows of about a page each: 600 pages in all, well under the serving connection's own threshold. */
const ROWS = 600;

let folder: string;
let opened: Database | undefined;
afterEach(async () => {
  await opened?.close();
  opened = undefined;
  rmSync(folder, { recursive: true, force: true });
});

async function fileWithRows(options: { backgroundCheckpoints?: boolean } = {}) {
  folder = mkdtempSync(join(tmpdir(), "portal-checkpoint-"));
  const file = join(folder, "portal.sqlite");
  opened = await openDatabase(`sqlite:${file}`, options);
  await sql`create table filler (id integer primary key, body text not null)`.execute(opened.db);
  const before = statSync(file).size;
  await opened.db.transaction().execute(async (trx) => {
    for (let i = 0; i < ROWS; i++) {
      await sql`insert into filler (body) values (${"x".repeat(PAGE - 100)})`.execute(trx);
    }
  });
  return { file, before, database: opened };
}

async function autocheckpoint(database: Database): Promise<number> {
  const { rows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(database.db);
  return Number(rows[0]?.wal_autocheckpoint);
}

describe("checkpoints of a SQLite file", () => {
  it("are copied into the file by a worker, not by the connection that serves requests", async () => {
    const { file, before, database } = await fileWithRows();
    // The serving connection would checkpoint only far past what was written.
    expect(await autocheckpoint(database)).toBeGreaterThan(ROWS);
    let size = statSync(file).size;
    for (let waited = 0; size < before + ROWS * PAGE && waited < 10_000; waited += 50) {
      await sleep(50);
      size = statSync(file).size;
    }
    expect(size).toBeGreaterThanOrEqual(before + ROWS * PAGE);
  });

  it("leave nothing behind on close: the log is folded into the file and every row reads back", async () => {
    const { file } = await fileWithRows();
    await opened?.close();
    opened = undefined;
    expect(existsSync(`${file}-wal`)).toBe(false);
    opened = await openDatabase(`sqlite:${file}`);
    const { rows } = await sql<{ n: number }>`select count(*) as n from filler`.execute(opened.db);
    expect(Number(rows[0]?.n)).toBe(ROWS);
  });

  it("stay with the connection when it asks to keep them (a worker thread's own connection)", async () => {
    const { database } = await fileWithRows({ backgroundCheckpoints: false });
    expect(await autocheckpoint(database)).toBe(1000);
  });

  it("go back to the serving connection when the worker cannot run", async () => {
    folder = mkdtempSync(join(tmpdir(), "portal-checkpoint-"));
    const database = new DatabaseSync(join(folder, "portal.sqlite"));
    database.exec("pragma journal_mode = wal");
    const checkpoints = backgroundCheckpoints(database, join(folder, "missing", "portal.sqlite"));
    await checkpoints.stop();
    const setting = database.prepare("pragma wal_autocheckpoint").get() as { wal_autocheckpoint: number };
    database.close();
    expect(setting.wal_autocheckpoint).toBe(1000);
  });
});
