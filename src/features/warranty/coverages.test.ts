import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../../test/clock.ts";
import { freshOwner, freshUnit, type UnitKind } from "../../../test/factories.ts";
import { UNITS } from "../../../test/fixtures.ts";
import { dialects, type SignedIn, startTestApp, type TestApp } from "../../../test/harness.ts";
import { demoCatalogue } from "../../cli/demo-data.ts";
import { importCatalogue } from "../catalogue/service.ts";
import { importUnits } from "../units/import.ts";
import { runReminders } from "./reminders.ts";

const KEY = "ops-secret-0123456789abcd";
const NOW = "2025-06-01T10:00:00Z";

/** The demo catalogue with a registration bonus of 12 months on fridges, for these tests. */
const catalogue = {
  ...demoCatalogue,
  categories: demoCatalogue.categories.map((c) =>
    c.code === "fridge" ? { ...c, registrationBonusMonths: 12 } : c,
  ),
};

const PLAN = {
  code: "CARE-3Y",
  names: { nb: "Trygghet 3 år", en: "Peace of mind 3 years" },
  months: 36,
  covers: { parts: true, labour: false },
  terms: { nb: "Deler i tre år.", en: "Parts for three years." },
};

for (const dialect of dialects()) {
  describe(`coverages and the statutory period on ${dialect}`, () => {
    const clock = manualClock(NOW);
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(
        dialect,
        {
          SERVICE_API_KEYS: `ops:${KEY}`,
          REMINDER_THRESHOLDS_DAYS: "30",
          REMINDER_AFTER_DAYS: "1",
          LOOKUPS_PER_MINUTE_ACCOUNT: "1000",
          LOOKUPS_PER_MINUTE_IP: "1000",
        },
        undefined,
        clock,
      );
      await importCatalogue(t.database, catalogue);
      async function* lines() {
        for (const u of Object.values(UNITS))
          yield JSON.stringify({
            serial: u.serial,
            model: u.model,
            ...("imei" in u ? { imei1: u.imei } : {}),
          });
      }
      await importUnits(t.database, lines(), { format: "ndjson" });
    });
    afterAll(() => t.close());

    async function registered(kind: UnitKind, payload: Record<string, string> = {}, owner?: SignedIn) {
      const unit = await freshUnit(t, kind);
      const who = owner ?? (await freshOwner(t));
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/registrations",
        headers: who.headers,
        payload: { identifier: unit.serial, ...payload },
      });
      expect(res.statusCode, res.body).toBe(201);
      return { unit, owner: who, id: res.json().id as string, view: res.json() };
    }

    const product = async (owner: SignedIn, id: string) =>
      (
        await t.app.inject({ method: "GET", url: `/api/v1/registrations/${id}`, headers: owner.headers })
      ).json();

    const importLines = (lines: object[]) =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/service/unit-coverages",
        headers: { "x-service-key": KEY, "content-type": "application/x-ndjson" },
        payload: lines.map((l) => JSON.stringify(l)).join("\n"),
      });

    it("counts everything from the purchase date the owner gave, at once, with the bonus after the base", async () => {
      clock.set(NOW);
      const { view } = await registered("fridge", { purchaseDate: "2025-02-10" });
      const w = view.warranty;
      expect(w.start).toEqual({ date: "2025-02-10", basis: "stated", source: "purchase-date" });
      expect(
        w.coverages.map((c: { kind: string; start: string; end: string; basis: string }) => [
          c.kind,
          c.start,
          c.end,
          c.basis,
        ]),
      ).toEqual([
        ["manufacturer", "2025-02-10", "2027-02-10", "stated"],
        ["registration-bonus", "2027-02-11", "2028-02-10", "stated"],
      ]);
      expect(w.manufacturer).toMatchObject({
        start: "2025-02-10",
        basis: "stated",
        source: "purchase-date",
        months: 24,
      });
      expect(w.statutory).toMatchObject({
        start: "2025-02-10",
        end: "2030-02-10",
        years: 5,
        basis: "stated",
      });
      expect(w.standing).toBe("covered");
    });

    it("estimates from the production date without a purchase date, and still knows the statutory years", async () => {
      clock.set(NOW);
      const { view } = await registered("tv");
      expect(view.warranty.start.basis).toBe("estimated");
      expect(view.warranty.statutory.basis).toBe("estimated");
      expect(view.warranty.statutoryYears).toBe(5);
      // No bonus for televisions in the demo catalogue: one coverage.
      expect(view.warranty.coverages).toHaveLength(1);
    });

    it("moves every date when the owner changes the purchase date, and keeps the change in the history", async () => {
      clock.set(NOW);
      const { owner, id, unit } = await registered("tv", { purchaseDate: "2025-01-05" });
      const changed = await t.app.inject({
        method: "PATCH",
        url: `/api/v1/registrations/${id}`,
        headers: owner.headers,
        payload: { purchaseDate: "2025-03-01" },
      });
      expect(changed.statusCode, changed.body).toBe(200);
      const page = await product(owner, id);
      expect(page.warranty.start.date).toBe("2025-03-01");
      expect(page.warranty.manufacturer.end).toBe("2027-03-01");
      expect(page.warranty.statutory.end).toBe("2030-03-01");
      expect(page.purchaseDateHistory.map((e: { date: string }) => e.date)).toEqual([
        "2025-01-05",
        "2025-03-01",
      ]);
      // A confirmation enters the same history, with its source and time, and the start follows it.
      clock.set("2025-06-02T10:00:00Z");
      const shop = await t.app.inject({
        method: "POST",
        url: "/api/v1/service/confirmations",
        headers: { "x-service-key": KEY },
        payload: {
          source: "shop-order",
          orderId: `WEB-${id}`,
          identifier: unit.serial,
          deliveredOn: "2025-02-20",
        },
      });
      expect(shop.statusCode, shop.body).toBe(200);
      const confirmed = await product(owner, id);
      expect(confirmed.warranty.start).toEqual({
        date: "2025-02-20",
        basis: "confirmed",
        source: "shop-order",
      });
      expect(
        confirmed.purchaseDateHistory.map((e: { date: string; source: string }) => [e.date, e.source]),
      ).toEqual([
        ["2025-01-05", "registration"],
        ["2025-03-01", "owner"],
        ["2025-02-20", "shop-order"],
      ]);
      expect(confirmed.purchaseDateHistory.at(-1).at).toBe("2025-06-02T10:00:00.000Z");
      clock.set(NOW);
    });

    it("reads an ended warranty with a running right to complain as such", async () => {
      clock.set(NOW);
      const { owner, id } = await registered("tv", { purchaseDate: "2024-04-02" });
      clock.set("2026-06-01T10:00:00Z");
      const page = await product(owner, id);
      expect(page.warranty.manufacturer.status).toBe("ended");
      expect(page.warranty.statutory.status).toBe("active");
      expect(page.warranty.standing).toBe("complaint-only");
      clock.set("2029-06-01T10:00:00Z");
      expect((await product(owner, id)).warranty.standing).toBe("ended");
      clock.set(NOW);
    });

    it("imports extended-warranty products and their sales, each bad line refused with its code", async () => {
      clock.set(NOW);
      const plans = await t.app.inject({
        method: "PUT",
        url: "/api/v1/service/warranty-plans",
        headers: { "x-service-key": KEY },
        payload: { plans: [PLAN] },
      });
      expect(plans.statusCode, plans.body).toBe(200);
      const { owner, id, unit } = await registered("tv", { purchaseDate: "2025-01-05" });
      const sale = { identifier: unit.serial, plan: PLAN.code, startsOn: "2027-01-06", reference: "ORD-1" };
      const first = await importLines([
        sale,
        { ...sale, reference: "ORD-2", startsOn: "2028-01-01" },
        { ...sale, reference: "ORD-3", startsOn: "2027-01-06", endsOn: "2026-12-31" },
        { ...sale, reference: "ORD-4", plan: "NO-SUCH" },
        { ...sale, reference: "ORD-5", identifier: "TVH55HAT3C99999" },
        { ...sale, reference: "ORD-6", startsOn: "2020-01-01", endsOn: "2021-01-01" },
        { identifier: unit.serial },
      ]);
      expect(first.statusCode, first.body).toBe(200);
      const body = first.json();
      expect(body).toMatchObject({ stored: 1, updated: 0, unchanged: 0, rejected: 6 });
      expect(body.rejections.map((r: { line: number; code: string }) => [r.line, r.code])).toEqual([
        [2, "coverage.overlap"],
        [3, "coverage.dates_inverted"],
        [4, "coverage.plan_unknown"],
        [5, "coverage.unit_unknown"],
        [6, "coverage.before_manufacture"],
        [7, "import.format"],
      ]);
      const again = await importLines([sale]);
      expect(again.json()).toMatchObject({ stored: 0, unchanged: 1, rejected: 0 });
      const moved = await importLines([{ ...sale, endsOn: "2029-06-30" }]);
      expect(moved.json()).toMatchObject({ updated: 1, rejected: 0 });

      const page = await product(owner, id);
      const extended = page.warranty.coverages.find((c: { kind: string }) => c.kind === "extended");
      expect(extended).toMatchObject({
        key: "extended:CARE-3Y",
        start: "2027-01-06",
        end: "2029-06-30",
        basis: "confirmed",
        covers: { parts: true, labour: false },
        name: PLAN.names,
        terms: PLAN.terms,
      });
    });

    it("refuses the imports without the service key, and a plan list that is not one", async () => {
      const none = await t.app.inject({
        method: "PUT",
        url: "/api/v1/service/warranty-plans",
        payload: { plans: [PLAN] },
      });
      expect(none.statusCode).toBe(401);
      const bad = await t.app.inject({
        method: "PUT",
        url: "/api/v1/service/warranty-plans",
        headers: { "x-service-key": KEY },
        payload: { plans: [{ ...PLAN, months: 0 }] },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe("request.invalid");
    });

    it("reminds before the bonus ends, not before the base does, and says what is left the day after", async () => {
      clock.set(NOW);
      const { id } = await registered("fridge", { purchaseDate: "2025-02-10" });
      const sent = () =>
        t.database.db
          .selectFrom("outbox")
          .select(["dedupe_key", "payload"])
          .where("dedupe_key", "like", `reminder:${id}:%`)
          .orderBy("dedupe_key")
          .execute();
      // 30 days before the base ends: the bonus carries on, so nothing is sent.
      clock.set("2027-01-20T10:00:00Z");
      await runReminders(t.database, t.config, clock);
      expect(await sent()).toEqual([]);
      // The day after the bonus ended: the "ended" mail, saying the right to complain runs.
      clock.set("2028-02-11T10:00:00Z");
      await runReminders(t.database, t.config, clock);
      await runReminders(t.database, t.config, clock);
      const keys = (await sent()).map((r) => r.dedupe_key);
      expect(keys).toEqual([`reminder:${id}:registration-bonus:2028-02-10:after1`]);
      const [mail] = await sent();
      expect(String(mail?.payload)).toContain("2030");
      clock.set(NOW);
    });
  });
}
