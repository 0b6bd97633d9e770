import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedCatalogue, UNITS } from "../../../test/fixtures.ts";
import { dialects, signedInUser, startTestApp, type TestApp } from "../../../test/harness.ts";
import { toIcs } from "./ics.ts";
import { queueDueReminders } from "./reminders.ts";

const KEY = "shop-secret-0123456789abc";

for (const dialect of dialects()) {
  describe(`reminders and the calendar feed on ${dialect}`, () => {
    let t: TestApp;
    let owner: Awaited<ReturnType<typeof signedInUser>>;
    let registrationId: string;
    beforeAll(async () => {
      t = await startTestApp(dialect, { SERVICE_API_KEYS: `shop:${KEY}`, REMINDER_THRESHOLDS_DAYS: "60,7" });
      await seedCatalogue(t.database);
      await t.app.inject({
        method: "POST",
        url: "/api/v1/service/confirmations",
        headers: { "x-service-key": KEY },
        payload: {
          source: "shop-order",
          orderId: "WEB-9",
          identifier: UNITS.fridge.serial,
          deliveredOn: "2025-03-14",
        },
      });
      owner = await signedInUser(t);
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/registrations",
        headers: owner.headers,
        payload: { identifier: UNITS.fridge.serial, nickname: "Kitchen" },
      });
      registrationId = res.json().id;
    });
    afterAll(() => t.close());

    const reminderMails = async () =>
      (
        await t.database.db
          .selectFrom("outbox")
          .select(["payload", "status", "dedupe_key"])
          .where("dedupe_key", "like", "reminder:%")
          .execute()
      ).map((r) => ({
        ...JSON.parse(r.payload),
        status: r.status,
        key: r.dedupe_key,
      }));

    it("sends one reminder per threshold, however often the run repeats", async () => {
      // The manufacturer's warranty ends 2027-03-14; 30 days before, the 60-day reminder is due.
      expect(await queueDueReminders(t.database, t.config, new Date("2027-02-12T12:00:00Z"))).toBe(1);
      expect(await queueDueReminders(t.database, t.config, new Date("2027-02-12T12:00:00Z"))).toBe(0);
      expect(await queueDueReminders(t.database, t.config, new Date("2027-02-20T12:00:00Z"))).toBe(0);
      // Five days before, the 7-day reminder.
      expect(await queueDueReminders(t.database, t.config, new Date("2027-03-09T12:00:00Z"))).toBe(1);
      expect(await queueDueReminders(t.database, t.config, new Date("2027-03-09T12:00:00Z"))).toBe(0);
      const mails = await reminderMails();
      expect(mails.filter((m) => m.status === "pending")).toHaveLength(2);
      expect(mails[0]).toMatchObject({ to: owner.email, template: "warranty-reminder" });
      expect(mails.map((m) => m.subject)).toContain("Produsentgarantien for Kitchen går ut 14. mars 2027");
      expect(mails[0].text).toContain(`/products/${registrationId}`);
    });

    it("sends only the nearest threshold when several fall due at once, and never the others later", async () => {
      // The statutory period ends 2030-03-14: a first run 3 days before finds both 60 and 7 due.
      expect(await queueDueReminders(t.database, t.config, new Date("2030-03-11T12:00:00Z"))).toBe(1);
      const statutory = (await reminderMails()).filter((m) => m.key.includes(":statutory:"));
      expect(statutory.map((m) => [m.key.split(":").at(-1), m.status]).sort()).toEqual([
        ["60", "done"],
        ["7", "pending"],
      ]);
    });

    it("gives the owner a private calendar feed that can be replaced and turned off", async () => {
      const unauthenticated = await t.app.inject({ method: "GET", url: "/api/v1/me/calendar" });
      expect(unauthenticated.statusCode).toBe(401);
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
      const feed = await t.app.inject({ method: "GET", url: new URL(link).pathname });
      expect(feed.statusCode).toBe(200);
      expect(feed.headers["content-type"]).toContain("text/calendar");
      expect(feed.body).toContain("DTSTART;VALUE=DATE:20270314");
      expect(feed.body).toContain("DTSTART;VALUE=DATE:20300314");
      expect(feed.body).toContain("SUMMARY:Produsentgarantien går ut: Kitchen");

      const rotated = (
        await t.app.inject({ method: "POST", url: "/api/v1/me/calendar/rotate", headers: owner.headers })
      ).json().url;
      expect(rotated).not.toBe(link);
      expect((await t.app.inject({ method: "GET", url: new URL(link).pathname })).statusCode).toBe(404);
      expect((await t.app.inject({ method: "GET", url: new URL(rotated).pathname })).statusCode).toBe(200);
      expect(
        (await t.app.inject({ method: "DELETE", url: "/api/v1/me/calendar", headers: owner.headers }))
          .statusCode,
      ).toBe(204);
      expect((await t.app.inject({ method: "GET", url: new URL(rotated).pathname })).statusCode).toBe(404);
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
