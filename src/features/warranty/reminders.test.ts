import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../../test/clock.ts";
import { freshOwner, freshUnit, type UnitKind } from "../../../test/factories.ts";
import { seedCatalogue } from "../../../test/fixtures.ts";
import { dialects, type SignedIn, startTestApp, type TestApp } from "../../../test/harness.ts";
import { toIcs } from "./ics.ts";
import { runReminders } from "./reminders.ts";

const KEY = "shop-secret-0123456789abc";

for (const dialect of dialects()) {
  describe(`reminders and the calendar feed on ${dialect}`, () => {
    const clock = manualClock("2025-06-01T12:00:00Z");
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(
        dialect,
        { SERVICE_API_KEYS: `shop:${KEY}`, REMINDER_THRESHOLDS_DAYS: "60,7" },
        undefined,
        clock,
      );
      await seedCatalogue(t.database);
    });
    afterAll(() => t.close());

    /** A fresh owner's product, delivered by the web shop on `deliveredOn` (the clock stands after it). */
    async function deliveredProduct(deliveredOn: string, kind: UnitKind = "fridge") {
      clock.set("2025-06-01T12:00:00Z");
      const unit = await freshUnit(t, kind);
      const confirmed = await t.app.inject({
        method: "POST",
        url: "/api/v1/service/confirmations",
        headers: { "x-service-key": KEY },
        payload: {
          source: "shop-order",
          orderId: `WEB-${unit.serial}`,
          identifier: unit.serial,
          deliveredOn,
        },
      });
      expect(confirmed.json().status).toBe("stored");
      const owner = await freshOwner(t);
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/registrations",
        headers: owner.headers,
        payload: { identifier: unit.serial, nickname: "Kitchen" },
      });
      expect(res.statusCode, res.body).toBe(201);
      const { manufacturer, statutory } = res.json().warranty;
      const registrationId = res.json().id as string;
      ends.set(registrationId, { manufacturer: manufacturer?.end, statutory: statutory?.end });
      return { owner, registrationId };
    }

    /** The period ends of each delivered product, as its owner saw them when it was registered. */
    const ends = new Map<string, Record<"manufacturer" | "statutory", string | undefined>>();

    /** Every dedupe key a reminder of this registration can have: each period's end and threshold. */
    const reminderKeys = (registrationId: string) =>
      Object.entries(ends.get(registrationId) ?? {}).flatMap(([kind, end]) =>
        end ? ["60", "7"].map((threshold) => `reminder:${registrationId}:${kind}:${end}:${threshold}`) : [],
      );

    /** The reminder mails of one registration, sent or suppressed (looked up by their dedupe keys). */
    const reminderMails = async (registrationId: string) =>
      (
        await t.database.db
          .selectFrom("outbox")
          .select(["payload", "status", "dedupe_key"])
          .where("dedupe_key", "in", reminderKeys(registrationId))
          .orderBy("dedupe_key")
          .execute()
      ).map((r) => ({
        ...JSON.parse(r.payload),
        status: r.status,
        key: r.dedupe_key as string,
      }));

    /** Runs the reminders on the day the clock is moved to. */
    const runOn = async (instant: string) => {
      clock.set(instant);
      await runReminders(t.database, t.config, clock);
    };

    it("sends one reminder per threshold, however often the run repeats", async () => {
      const { owner, registrationId } = await deliveredProduct("2025-03-14");
      // The manufacturer's warranty ends 2027-03-14; 30 days before, the 60-day reminder is due.
      await runOn("2027-02-12T12:00:00Z");
      expect(await reminderMails(registrationId)).toHaveLength(1);
      await runOn("2027-02-12T12:00:00Z");
      await runOn("2027-02-20T12:00:00Z");
      expect(await reminderMails(registrationId)).toHaveLength(1);
      // Five days before, the 7-day reminder.
      await runOn("2027-03-09T12:00:00Z");
      await runOn("2027-03-09T12:00:00Z");
      const mails = await reminderMails(registrationId);
      expect(mails.map((m) => [m.key.split(":").slice(2).join(":"), m.status])).toEqual([
        ["manufacturer:2027-03-14:60", "pending"],
        ["manufacturer:2027-03-14:7", "pending"],
      ]);
      expect(mails[0]).toMatchObject({ to: owner.email, template: "warranty-reminder" });
      expect(mails.map((m) => m.subject)).toContain("Produsentgarantien for Kitchen går ut 14. mars 2027");
      expect(mails[0].text).toContain(`/products/${registrationId}`);
    });

    it("queues nothing before a threshold is reached", async () => {
      const { registrationId } = await deliveredProduct("2025-02-03");
      // The manufacturer's warranty ends 2027-02-03: 61 days before, no threshold is due yet.
      await runOn("2026-12-04T12:00:00Z");
      expect(await reminderMails(registrationId)).toEqual([]);
      clock.advanceDays(1);
      await runReminders(t.database, t.config, clock);
      expect((await reminderMails(registrationId)).map((m) => m.key.split(":").at(-1))).toEqual(["60"]);
    });

    it("sends only the nearest threshold when several fall due at once, and never the others later", async () => {
      const { registrationId } = await deliveredProduct("2025-04-20");
      // The statutory period ends 2030-04-20: a first run 3 days before finds both 60 and 7 due.
      await runOn("2030-04-17T12:00:00Z");
      const statutory = (await reminderMails(registrationId)).filter((m) => m.key.includes(":statutory:"));
      expect(statutory.map((m) => [m.key.split(":").at(-1), m.status]).sort()).toEqual([
        ["60", "done"],
        ["7", "pending"],
      ]);
    });

    it("gives the owner a private calendar feed that can be replaced and turned off", async () => {
      const { owner } = await deliveredProduct("2025-05-05");
      const unauthenticated = await t.app.inject({ method: "GET", url: "/api/v1/me/calendar" });
      expect(unauthenticated.statusCode).toBe(401);
      expect(unauthenticated.json().code).toBe("auth.required");
      const linkRes = await t.app.inject({
        method: "GET",
        url: "/api/v1/me/calendar",
        headers: { cookie: owner.cookie },
      });
      expect(linkRes.statusCode, linkRes.body).toBe(200);
      const link = linkRes.json().url as string;
      expect(link).toMatch(/^http:\/\/localhost:3000\/calendar\/[A-Za-z0-9_-]{32}\.ics$/);
      const same = (
        await t.app.inject({ method: "GET", url: "/api/v1/me/calendar", headers: { cookie: owner.cookie } })
      ).json().url;
      expect(same).toBe(link);
      clock.set("2026-01-15T08:30:00Z");
      const feed = await t.app.inject({ method: "GET", url: new URL(link).pathname });
      expect(feed.statusCode).toBe(200);
      expect(feed.headers["content-type"]).toContain("text/calendar");
      expect(feed.body).toContain("DTSTART;VALUE=DATE:20270505");
      expect(feed.body).toContain("DTSTART;VALUE=DATE:20300505");
      expect(feed.body).toContain("SUMMARY:Produsentgarantien går ut: Kitchen");
      expect(feed.body).toContain("DTSTAMP:20260115T083000Z");

      const rotate = await t.app.inject({
        method: "POST",
        url: "/api/v1/me/calendar/rotate",
        headers: owner.headers,
      });
      expect(rotate.statusCode).toBe(200);
      const rotated = rotate.json().url;
      expect(rotated).not.toBe(link);
      expect((await t.app.inject({ method: "GET", url: new URL(link).pathname })).statusCode).toBe(404);
      expect((await t.app.inject({ method: "GET", url: new URL(rotated).pathname })).statusCode).toBe(200);
      expect(
        (await t.app.inject({ method: "DELETE", url: "/api/v1/me/calendar", headers: owner.headers }))
          .statusCode,
      ).toBe(204);
      const gone = await t.app.inject({ method: "GET", url: new URL(rotated).pathname });
      expect(gone.statusCode).toBe(404);
      expect(gone.json().code).toBe("calendar.not_found");
    });

    it("refuses a calendar write without the CSRF token, and keeps the link", async () => {
      const owner: SignedIn = await freshOwner(t);
      const link = (
        await t.app.inject({ method: "GET", url: "/api/v1/me/calendar", headers: { cookie: owner.cookie } })
      ).json().url as string;
      for (const method of ["POST", "DELETE"] as const) {
        const res = await t.app.inject({
          method,
          url: method === "POST" ? "/api/v1/me/calendar/rotate" : "/api/v1/me/calendar",
          headers: { cookie: owner.cookie },
        });
        expect(res.statusCode).toBe(403);
        expect(res.json().code).toBe("auth.csrf");
      }
      expect((await t.app.inject({ method: "GET", url: new URL(link).pathname })).statusCode).toBe(200);
    });
  });
}

describe("the ICS format", () => {
  it("escapes text, folds long lines at 75 octets and ends lines with CRLF", () => {
    const ics = toIcs(
      "Cal",
      [{ uid: "u1", date: "2027-03-14", summary: `Garanti; slutter, snart\\ ${"æ".repeat(60)}` }],
      new Date("2026-01-01T00:00:00Z"),
    );
    expect(ics).toContain("SUMMARY:Garanti\\; slutter\\, snart\\\\ ");
    expect(ics.split("\r\n").every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    expect(ics).toContain("DTEND;VALUE=DATE:20270315");
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
  });

  it("keeps a nickname with a lone CR, a lone LF or other control characters on its own line", () => {
    const ics = toIcs(
      "Cal",
      [{ uid: "u2", date: "2027-03-14", summary: "TV\rBEGIN:VALARM\nX\r\nY\u0007Z\u0000" }],
      new Date("2026-01-01T00:00:00Z"),
    );
    const lines = ics.split("\r\n");
    expect(lines).toContain("SUMMARY:TV\\nBEGIN:VALARM\\nX\\nYZ");
    expect(lines.filter((line) => line === "BEGIN:VALARM")).toHaveLength(1);
    expect(ics.replaceAll("\r\n", "")).not.toMatch(/\p{Cc}/u);
  });
});
