import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimSteps } from "../../../test/claim-requests.ts";
import { manualClock } from "../../../test/clock.ts";
import { freshOwner, registeredProduct } from "../../../test/factories.ts";
import { seedCatalogue } from "../../../test/fixtures.ts";
import { dialects, type SignedIn, startTestApp, type TestApp } from "../../../test/harness.ts";
import { addDays, type CalendarDate, calendarDate, todayIn } from "../../domain/calendar-date.ts";
import { nextReminderDate } from "../../domain/reminder-schedule.ts";
import { PROCESS_REMINDER_BATCH, startReminderPass } from "./reminder-timer.ts";
import { pauseAfter, REMINDER_JOB, runReminders } from "./reminders.ts";

const KEY = "shop-secret-0123456789abc";
const THRESHOLDS = [60, 7];
const START = "2025-06-01T12:00:00Z";
/** After the manufacturer's warranty of every purchase date below (the latest 2026-05-20) has ended. */
const REGISTERED = "2028-06-01T12:00:00Z";

/**
 * The reminder run reads only what is due: each registration's next reminder day is stored when
 * its coverage changes, and moved by the run. These tests register through the API, change
 * coverage through the API and look at the stored day, the mails and the run's own counts.
 */
for (const dialect of dialects()) {
  describe(`reminder days and runs on ${dialect}`, () => {
    const clock = manualClock(START);
    let t: TestApp;
    let reviewer: SignedIn;
    beforeAll(async () => {
      t = await startTestApp(
        dialect,
        {
          SERVICE_API_KEYS: `shop:${KEY}`,
          REMINDER_THRESHOLDS_DAYS: THRESHOLDS.join(","),
          // The reminders before an end are what these tests follow; those after it have their own.
          REMINDER_AFTER_DAYS: "",
          LOOKUPS_PER_MINUTE_ACCOUNT: "1000",
          LOOKUPS_PER_MINUTE_IP: "1000",
        },
        undefined,
        clock,
      );
      await seedCatalogue(t.database);
      reviewer = await freshOwner(t, "reviewer");
    });
    afterAll(() => t.close());

    /** The stored day of a registration's next reminder; undefined when it has none. */
    const storedDay = async (registrationId: string) =>
      (
        await t.database.db
          .selectFrom("warranty_reminder")
          .select("due_on")
          .where("registration_id", "=", registrationId)
          .executeTakeFirst()
      )?.due_on;

    /** How many registrations a run on `day` has to read. */
    const dueCount = async (day: string) =>
      Number(
        (
          await t.database.db
            .selectFrom("warranty_reminder")
            .select((eb) => eb.fn.countAll().as("n"))
            .where("due_on", "<=", day)
            .executeTakeFirstOrThrow()
        ).n,
      );

    /** The product's period ends as its owner's product page shows them. */
    const endsOf = async (owner: SignedIn, registrationId: string) => {
      const res = await t.app.inject({
        method: "GET",
        url: `/api/v1/registrations/${registrationId}`,
        headers: { cookie: owner.cookie },
      });
      expect(res.statusCode, res.body).toBe(200);
      const { manufacturer, statutory } = res.json().warranty;
      return {
        manufacturer: (manufacturer?.end ?? null) as string | null,
        statutory: (statutory?.end ?? null) as string | null,
      };
    };

    /** The day the first reminder is due, from the ends the owner sees, on the clock's today. */
    const expectedDay = async (owner: SignedIn, registrationId: string) => {
      const { manufacturer, statutory } = await endsOf(owner, registrationId);
      const ends = [manufacturer, statutory].map((e) => (e ? calendarDate(e) : null));
      return nextReminderDate(ends, THRESHOLDS, todayIn(t.config.timeZone, clock.now()));
    };

    /** The outbox rows with these dedupe keys, by key. */
    const mails = async (keys: string[]) =>
      new Map(
        (
          await t.database.db
            .selectFrom("outbox")
            .select(["dedupe_key", "payload", "status"])
            .where("dedupe_key", "in", keys)
            .execute()
        ).map((r) => [r.dedupe_key, { ...JSON.parse(r.payload), status: r.status }]),
      );

    const statutoryKey = (registrationId: string, end: string, threshold: number) =>
      `reminder:${registrationId}:statutory:${end}:${threshold}`;

    const run = (day: string, options: Parameters<typeof runReminders>[3] = {}) => {
      clock.set(`${day}T12:00:00Z`);
      return runReminders(t.database, t.config, clock, options);
    };

    /**
     * A fridge bought on `purchaseDate`, registered once its manufacturer's warranty (counted from
     * that date) has ended: only its statutory period (five years) has reminders left.
     */
    const fridge = async (purchaseDate: string, owner?: SignedIn) => {
      clock.set(REGISTERED);
      const product = await registeredProduct(t, {
        kind: "fridge",
        purchaseDate,
        ...(owner ? { owner } : {}),
      });
      const ends = await endsOf(product.owner, product.registrationId);
      expect(ends.manufacturer && ends.manufacturer < REGISTERED.slice(0, 10)).toBe(true);
      return { ...product, end: ends.statutory as string };
    };

    it("stores the day of the first reminder at registration, and a run before it does not read the product", async () => {
      const far = await fridge("2026-05-20");
      const near = await fridge("2024-07-01");
      const farDay = await storedDay(far.registrationId);
      expect(farDay).toBe(await expectedDay(far.owner, far.registrationId));
      // The far one's period ends 2031-05-20: nothing of it is due while the near one's is.
      const runDay = addDays(calendarDate(near.end), -30);
      expect(farDay && farDay > runDay).toBe(true);
      const due = await dueCount(runDay);
      const lines: { fields: object; message: string }[] = [];
      const result = await run(runDay, {
        log: { info: (fields, message) => lines.push({ fields, message }) },
      });
      expect(result).toMatchObject({ leased: true, visited: due, interrupted: false });
      expect(result.visited).toBeGreaterThanOrEqual(1);
      expect(await storedDay(far.registrationId)).toBe(farDay);
      expect(await mails([statutoryKey(near.registrationId, near.end, 60)])).toHaveProperty("size", 1);
      // After the 60-day reminder, the next day is the 7-day one.
      expect(await storedDay(near.registrationId)).toBe(addDays(calendarDate(near.end), -7));
      expect(lines).toContainEqual({
        message: "reminder run finished",
        fields: expect.objectContaining({ visited: due, queued: result.queued, batches: result.batches }),
      });
    });

    it("moves the day when the owner corrects the purchase date, and reminds of the new end", async () => {
      const { owner, registrationId, end } = await fridge("2025-01-10");
      const before = await storedDay(registrationId);
      const patch = await t.app.inject({
        method: "PATCH",
        url: `/api/v1/registrations/${registrationId}`,
        headers: owner.headers,
        payload: { purchaseDate: "2025-05-02" },
      });
      expect(patch.statusCode, patch.body).toBe(200);
      const after = await storedDay(registrationId);
      expect(after).toBe(await expectedDay(owner, registrationId));
      expect(after).not.toBe(before);
      const newEnd = (await endsOf(owner, registrationId)).statutory as string;
      await run(before as string);
      await run(after as string);
      const sent = await mails([
        statutoryKey(registrationId, end, 60),
        statutoryKey(registrationId, newEnd, 60),
      ]);
      expect([...sent.keys()]).toEqual([statutoryKey(registrationId, newEnd, 60)]);
      expect(sent.get(statutoryKey(registrationId, newEnd, 60))).toMatchObject({
        to: owner.email,
        status: "pending",
      });
    });

    it("moves the day when the web shop confirms the purchase after the registration", async () => {
      const { owner, registrationId, unit } = await fridge("2025-05-10");
      const before = await storedDay(registrationId);
      const confirmed = await t.app.inject({
        method: "POST",
        url: "/api/v1/service/confirmations",
        headers: { "x-service-key": KEY },
        payload: {
          source: "shop-order",
          orderId: `WEB-${unit.serial}`,
          identifier: unit.serial,
          deliveredOn: "2024-11-02",
        },
      });
      expect(confirmed.json()).toMatchObject({ status: "stored", unitKnown: true });
      const after = await storedDay(registrationId);
      expect(after).toBe(await expectedDay(owner, registrationId));
      expect(after).not.toBe(before);
    });

    it("moves the day when a reviewer approves a claim with another purchase date", async () => {
      clock.set(START);
      const { decide, claimedFridge } = claimSteps(
        () => t,
        clock,
        () => reviewer,
      );
      const { owner, registrationId, claim } = await claimedFridge();
      const before = await storedDay(registrationId);
      const res = await decide(claim.id, { decision: "approved", purchaseDate: "2024-09-15" });
      expect(res.statusCode, res.body).toBe(200);
      const after = await storedDay(registrationId);
      expect(after).toBe(await expectedDay(owner, registrationId));
      expect(after).not.toBe(before);
    });

    it("sends nothing for a removed product, and forgets a day left for one", async () => {
      const { owner, registrationId, end } = await fridge("2024-08-01");
      const removed = await t.app.inject({
        method: "DELETE",
        url: `/api/v1/registrations/${registrationId}`,
        headers: owner.headers,
      });
      expect(removed.statusCode).toBe(204);
      expect(await storedDay(registrationId)).toBeUndefined();
      // A day stored before the removal (as the upgrade stores one for every product) is read once and dropped.
      await t.database.db
        .insertInto("warranty_reminder")
        .values({ registration_id: registrationId, due_on: "1970-01-01" })
        .execute();
      const result = await run(addDays(calendarDate(end), -3));
      expect(result.finished).toBeGreaterThanOrEqual(1);
      expect(await storedDay(registrationId)).toBeUndefined();
      expect(
        await mails([statutoryKey(registrationId, end, 7), statutoryKey(registrationId, end, 60)]),
      ).toHaveProperty("size", 0);
    });

    it("reminds the new owner of a product handed over, and not the one who had it", async () => {
      const first = await fridge("2024-09-01");
      const removed = await t.app.inject({
        method: "DELETE",
        url: `/api/v1/registrations/${first.registrationId}`,
        headers: first.owner.headers,
      });
      expect(removed.statusCode).toBe(204);
      const next = await freshOwner(t);
      const taken = await t.app.inject({
        method: "POST",
        url: "/api/v1/registrations",
        headers: next.headers,
        payload: { identifier: first.unit.serial, purchaseDate: "2024-09-01" },
      });
      expect(taken.statusCode, taken.body).toBe(201);
      const registrationId = taken.json().id as string;
      await run(addDays(calendarDate(first.end), -20));
      const sent = await mails([
        statutoryKey(first.registrationId, first.end, 60),
        statutoryKey(registrationId, first.end, 60),
      ]);
      expect([...sent.keys()]).toEqual([statutoryKey(registrationId, first.end, 60)]);
      expect(sent.get(statutoryKey(registrationId, first.end, 60))).toMatchObject({ to: next.email });
    });

    /** `n` products of one owner whose 60-day reminders are all due on the day returned. */
    async function dueProducts(n: number, purchaseDate: string) {
      const owner = await freshOwner(t);
      const products = [];
      for (let i = 0; i < n; i++) products.push(await fridge(purchaseDate, owner));
      const end = products[0]?.end as string;
      return { products, end, day: addDays(calendarDate(end), -10) as CalendarDate };
    }

    it("lets one of two runs at once hold the lease, and sends each reminder once", async () => {
      const { products, end, day } = await dueProducts(8, "2024-10-01");
      clock.set(`${day}T12:00:00Z`);
      const due = await dueCount(day);
      const [a, b] = await Promise.all([
        runReminders(t.database, t.config, clock, { holder: "instance-a", batchSize: 2 }),
        runReminders(t.database, t.config, clock, { holder: "instance-b", batchSize: 2 }),
      ]);
      expect([a, b].filter((r) => r.leased)).toHaveLength(1);
      expect(a.visited + b.visited).toBe(due);
      const keys = products.map((p) => statutoryKey(p.registrationId, end, 60));
      const sent = await mails(keys);
      expect(sent.size).toBe(products.length);
      expect(a.queued + b.queued).toBeGreaterThanOrEqual(products.length);
      // The lease is given up at the end: a later run takes it and finds nothing left to do today.
      expect(
        await t.database.db.selectFrom("job_lease").selectAll().where("name", "=", REMINDER_JOB).execute(),
      ).toEqual([]);
      expect(await runReminders(t.database, t.config, clock)).toMatchObject({ leased: true, visited: 0 });
    });

    it("gives other work its turn between batches", async () => {
      const { day } = await dueProducts(10, "2024-11-01");
      clock.set(`${day}T12:00:00Z`);
      const order: string[] = [];
      setTimeout(() => order.push("timer"), 0);
      setImmediate(() => order.push("immediate"));
      const result = await runReminders(t.database, t.config, clock, { batchSize: 1 });
      order.push("run finished");
      expect(result.batches).toBeGreaterThanOrEqual(10);
      expect(order.at(-1)).toBe("run finished");
      expect(order).toEqual(expect.arrayContaining(["timer", "immediate"]));
    });

    it("runs on the server's own thread in small batches, each mail once", async () => {
      const { products, end, day } = await dueProducts(PROCESS_REMINDER_BATCH + 5, "2024-12-01");
      clock.set(`${day}T12:00:00Z`);
      const due = await dueCount(day);
      const pass = startReminderPass(t.database, t.config, clock, { info() {}, error() {} });
      const result = await pass.done;
      expect(result).toMatchObject({ leased: true, visited: due, interrupted: false });
      expect(result.batches).toBeGreaterThanOrEqual(Math.ceil(due / PROCESS_REMINDER_BATCH));
      expect(result.batches).toBeGreaterThanOrEqual(2);
      const sent = await mails(products.map((p) => statutoryKey(p.registrationId, end, 60)));
      expect(sent.size).toBe(products.length);
    });
  });
}

describe("the pause between two batches of a run", () => {
  it("keeps the run's share of the time whatever a batch took, and never less than the fixed pause", () => {
    expect(pauseAfter(5, { pauseMs: 10, share: 0.1 })).toBeCloseTo(45);
    expect(pauseAfter(50, { pauseMs: 10, share: 0.1 })).toBeCloseTo(450);
    expect(pauseAfter(0.5, { pauseMs: 10, share: 0.1 })).toBe(10);
    expect(pauseAfter(8, { pauseMs: 10 })).toBe(10);
    expect(pauseAfter(8, {})).toBe(0);
    // A share outside (0, 1) asks for nothing the fixed pause does not.
    for (const share of [0, 1, -1, 2]) expect(pauseAfter(8, { pauseMs: 3, share })).toBe(3);
  });
});
