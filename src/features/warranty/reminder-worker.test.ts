import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedCatalogue } from "../../../test/fixtures.ts";
import { type SignedIn, signedInUser, type TestApp, testConfig } from "../../../test/harness.ts";
import { type Database, openDatabase } from "../../db/database.ts";
import { migrateToLatest } from "../../db/migrate.ts";
import { systemClock } from "../../domain/clock.ts";
import { encodeSerial } from "../../domain/serial-scheme.ts";
import { buildApp } from "../../server/app.ts";
import { importUnits } from "../units/import.ts";
import { startReminderPass, WORKER_REMINDER_BATCH } from "./reminder-timer.ts";
import { REMINDER_JOB, runReminders } from "./reminders.ts";

/** Products registered in bulk beside the one registered through the API. */
const BULK = 3_000;
const today = () => new Date().toISOString().slice(0, 10);
/** Two years (a wearable's complaint period) less 30 days ago: the period ends in 30 days. */
const purchaseDate = () => {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - 2);
  d.setUTCDate(d.getUTCDate() + 30);
  return d.toISOString().slice(0, 10);
};

/** The `n`th wearable (2 years' complaint period) of this file's registry, made March 2024. */
const wearable = (n: number) => ({
  serial: encodeSerial({
    length: 11,
    family: "W",
    factory: "K3",
    year: 2024,
    month: 3,
    sequence: String(n).padStart(6, "0"),
  }),
  model: "NX-W24-40",
});
type Wearable = ReturnType<typeof wearable>;

/** The value below which a share `q` of the values lie. */
const quantile = (values: number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length * q)] ?? Number.NaN;

/** A log that keeps its lines. */
function keptLog() {
  const lines: { level: "info" | "error"; message: string; fields: Record<string, unknown> }[] = [];
  return {
    lines,
    info: (fields: object, message: string) =>
      lines.push({ level: "info", message, fields: fields as Record<string, unknown> }),
    error: (fields: object, message: string) =>
      lines.push({ level: "error", message, fields: fields as Record<string, unknown> }),
  };
}

/**
 * On a SQLite file the server runs each reminder pass in a worker thread with its own connection
 * (node:sqlite is synchronous, so on the server's thread every batch would hold requests up).
 * These tests use a migrated file under a temporary folder, as a real portal does, and the
 * system clock, as the worker does.
 */
describe("reminder runs in a worker thread on a SQLite file", () => {
  let dir: string;
  let database: Database;
  let t: TestApp;
  let owner: SignedIn;
  let viaApi: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "portal-reminders-"));
    database = await openDatabase(`sqlite:${join(dir, "portal.sqlite")}`);
    await migrateToLatest(database);
    await seedCatalogue(database);
    const config = testConfig({ REMINDER_THRESHOLDS_DAYS: "60,7" });
    const app = await buildApp({ config, database, outboxTimer: false, logger: false });
    await app.ready();
    t = { app, database, config, clock: systemClock, close: () => app.close() };
    owner = await signedInUser(t);
    viaApi = await registerThroughApi();
    await registerInBulk(BULK);
  }, 60_000);
  afterAll(async () => {
    await t.app.close();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** One wearable registered by its owner, bought so that its complaint period ends in 30 days. */
  async function registerThroughApi(): Promise<string> {
    const unit = wearable(0);
    await importUnits(database, lines([unit]), { format: "ndjson" });
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/registrations",
      headers: owner.headers,
      payload: { identifier: unit.serial, purchaseDate: purchaseDate() },
    });
    expect(res.statusCode, res.body).toBe(201);
    const end = res.json().warranty.statutory.end as string;
    const daysLeft = (Date.parse(end) - Date.parse(today())) / 86_400_000;
    expect(daysLeft).toBeGreaterThan(7);
    expect(daysLeft).toBeLessThanOrEqual(60);
    return res.json().id as string;
  }

  /** `n` more such wearables of the same owner, written straight to the tables, each due today. */
  async function registerInBulk(n: number): Promise<void> {
    const units = Array.from({ length: n }, (_, i) => wearable(i + 1));
    const summary = await importUnits(database, lines(units), { format: "ndjson" });
    expect(summary.rejected).toBe(0);
    const rows = units.map((unit) => ({
      id: randomUUID(),
      unit_serial: unit.serial,
      owner_id: owner.userId,
      channel: "web-serial",
      purchase_date: purchaseDate(),
      purchase_place: null,
      nickname: null,
      registered_at: new Date().toISOString(),
      removed_at: null,
    }));
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      await database.db.transaction().execute(async (trx) => {
        await trx.insertInto("registration").values(chunk).execute();
        await trx
          .insertInto("warranty_reminder")
          .values(chunk.map((r) => ({ registration_id: r.id, due_on: today() })))
          .execute();
      });
    }
  }

  async function* lines(units: Wearable[]) {
    for (const unit of units) yield JSON.stringify(unit);
  }

  /** Every stored reminder day moved to today, so a run has them all to read again. */
  const everyReminderDueToday = () =>
    database.db.updateTable("warranty_reminder").set({ due_on: today() }).execute();

  /** Registrations whose reminder a run today has still to read. */
  const dueToday = async () =>
    (
      await database.db
        .selectFrom("warranty_reminder")
        .select("registration_id")
        .where("due_on", "<=", today())
        .execute()
    ).length;

  const leaseHolder = async () =>
    (
      await database.db
        .selectFrom("job_lease")
        .select("holder")
        .where("name", "=", REMINDER_JOB)
        .executeTakeFirst()
    )?.holder;

  it("queues the due reminder mails while the server's event loop keeps ticking and its writes get through", async () => {
    const log = keptLog();
    const gaps: number[] = [];
    const writes: number[] = [];
    let last = performance.now();
    let writing = false;
    const ticker = setInterval(() => {
      const now = performance.now();
      gaps.push(now - last);
      last = now;
      // A write of the server's now and then, as a registration or a sign-in makes.
      if (writing || gaps.length % 10 !== 0) return;
      writing = true;
      const started = performance.now();
      void database.db
        .updateTable("registration")
        .set({ nickname: "Hytta" })
        .where("id", "=", viaApi)
        .execute()
        .then(() => writes.push(performance.now() - started))
        .finally(() => {
          writing = false;
        });
    }, 2);
    const run = await startReminderPass(database, t.config, systemClock, log).done.finally(() =>
      clearInterval(ticker),
    );

    expect(run).toMatchObject({ leased: true, visited: BULK + 1, interrupted: false });
    expect(run.batches).toBeGreaterThanOrEqual((BULK + 1) / WORKER_REMINDER_BATCH);
    const mails = await database.db
      .selectFrom("outbox")
      .select(["dedupe_key", "status"])
      .where("dedupe_key", "like", "reminder:%:statutory:%:60")
      .execute();
    expect(mails).toHaveLength(BULK + 1);
    expect(mails.every((m) => m.status === "pending")).toBe(true);
    expect(mails.map((m) => m.dedupe_key)).toContainEqual(expect.stringContaining(viaApi));
    // The manufacturer's warranty (24 months) and the complaint period (2 years) count from the
    // same purchase date, so each product has a mail for each.
    expect(run.queued).toBe(2 * (BULK + 1));
    // The worker's log line comes to the server's log, as the in-process run's does.
    expect(log.lines).toContainEqual(
      expect.objectContaining({ level: "info", message: "reminder run finished" }),
    );
    expect(log.lines.find((l) => l.message === "reminder run finished")?.fields).toMatchObject({
      visited: BULK + 1,
      queued: 2 * (BULK + 1),
    });
    // The run lasted many ticks, and they kept their pace: run on this thread, the same run ticks
    // about every 40 ms, a batch apart. The server's writes waited a batch at most, never the
    // busy timeout (5 s). Only the bulk of each is asserted: other work on the machine can hold
    // this thread up now and then, worker or not.
    expect(gaps.length).toBeGreaterThan(100);
    expect(quantile(gaps, 0.5)).toBeLessThan(10);
    expect(quantile(gaps, 0.95)).toBeLessThan(30);
    expect(writes.length).toBeGreaterThan(10);
    expect(quantile(writes, 0.5)).toBeLessThan(5);
    expect(Math.max(...writes)).toBeLessThan(500);
  }, 120_000);

  it("holds the lease while it runs, so a run elsewhere meanwhile skips its turn", async () => {
    await everyReminderDueToday();
    const pass = startReminderPass(database, t.config, systemClock, keptLog());
    for (let i = 0; i < 200 && !(await leaseHolder()); i++) await sleep(10);
    expect(await leaseHolder()).toBeDefined();
    expect(await runReminders(database, t.config, systemClock)).toMatchObject({ leased: false, visited: 0 });
    await pass.stop();
  }, 30_000);

  it("stops after its batch when asked, and gives its lease back", async () => {
    await everyReminderDueToday();
    const pass = startReminderPass(database, t.config, systemClock, keptLog());
    for (let i = 0; i < 200 && !(await leaseHolder()); i++) await sleep(10);
    await pass.stop();
    const run = await pass.done;
    expect(run).toMatchObject({ leased: true, interrupted: true });
    expect(run.visited).toBeLessThan(BULK + 1);
    expect(await leaseHolder()).toBeUndefined();
  }, 30_000);

  it("is started by the server's timer, and stopped with the server", async () => {
    await everyReminderDueToday();
    const app = await buildApp({ config: t.config, database, logger: false });
    await app.ready();
    // The timer's first run comes five seconds after the start.
    for (let i = 0; i < 100 && !(await leaseHolder()); i++) await sleep(100);
    expect(await leaseHolder()).toBeDefined();
    const closing = performance.now();
    await app.close();
    expect(performance.now() - closing).toBeLessThan(2_000);
    expect(await leaseHolder()).toBeUndefined();
    const left = await dueToday();
    expect(left).toBeGreaterThan(0);
    await sleep(200);
    expect(await dueToday()).toBe(left);
  }, 30_000);

  it("rejects its pass with the reason when the run fails, and the server goes on answering", async () => {
    // A file with no tables: the worker's first statement fails.
    const empty = await openDatabase(`sqlite:${join(dir, "empty.sqlite")}`);
    try {
      const pass = startReminderPass(empty, t.config, systemClock, keptLog());
      await expect(pass.done).rejects.toThrow(/no such table/);
    } finally {
      await empty.close();
    }
    const res = await t.app.inject({ method: "GET", url: "/healthz" });
    expect(res.statusCode).toBe(200);
  }, 30_000);
});
