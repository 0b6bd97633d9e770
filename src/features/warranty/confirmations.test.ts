import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../../test/clock.ts";
import { type FreshUnit, freshOwner, freshUnit, nextUnit } from "../../../test/factories.ts";
import { seedCatalogue } from "../../../test/fixtures.ts";
import { dialects, startTestApp, type TestApp } from "../../../test/harness.ts";

const KEY = "shop-secret-0123456789abc";
/** Noon in Oslo on 2025-06-01: "today" for the portal, whatever day the tests run. */
const NOW = "2025-06-01T10:00:00Z";

for (const dialect of dialects()) {
  describe(`purchase confirmations on ${dialect}`, () => {
    const clock = manualClock(NOW);
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(
        dialect,
        {
          SERVICE_API_KEYS: `shop:${KEY}`,
          LOOKUPS_PER_MINUTE_ACCOUNT: "1000",
          LOOKUPS_PER_MINUTE_IP: "1000",
        },
        undefined,
        clock,
      );
      await seedCatalogue(t.database);
    });
    afterAll(() => t.close());

    const confirm = (payload: object, key: string | null = KEY) =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/service/confirmations",
        headers: key ? { "x-service-key": key } : {},
        payload,
      });

    /** The confirmations stored under a reference (an order id, or an activation's IMEI). */
    const storedUnder = (reference: string) =>
      t.database.db
        .selectFrom("purchase_confirmation")
        .select(["source", "serial", "imei", "confirmed_on"])
        .where("reference", "=", reference)
        .execute();

    it("refuses a confirmation without a service key, or with a wrong one, and stores nothing", async () => {
      clock.set(NOW);
      const phone = nextUnit("phone");
      const imei = phone.imei as string;
      const payload = { source: "activation", imei, activatedOn: "2025-01-01" };
      const missing = await confirm(payload, null);
      expect(missing.statusCode).toBe(401);
      expect(missing.json().code).toBe("service.key_required");
      const wrong = await confirm(payload, "not-the-shop-key-0123456");
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().code).toBe("service.key_invalid");
      expect(await storedUnder(imei)).toEqual([]);
    });

    it("turns an estimated warranty into a confirmed one when the web shop confirms the delivery, before or after registration", async () => {
      clock.set(NOW);
      const fridge = await freshUnit(t, "fridge");
      const owner = await freshOwner(t);
      const registered = await t.app.inject({
        method: "POST",
        url: "/api/v1/registrations",
        headers: owner.headers,
        payload: { identifier: fridge.serial },
      });
      expect(registered.json().warranty.manufacturer.basis).toBe("estimated");

      const orderId = `WEB-${fridge.serial}`;
      const first = await confirm({
        source: "shop-order",
        orderId,
        identifier: fridge.serial.toLowerCase(),
        deliveredOn: "2025-03-14",
      });
      expect(first.json()).toEqual({ status: "stored", unitKnown: true });
      const again = await confirm({
        source: "shop-order",
        orderId,
        identifier: fridge.serial,
        deliveredOn: "2025-03-14",
      });
      expect(again.json().status).toBe("unchanged");

      const page = (
        await t.app.inject({
          method: "GET",
          url: `/api/v1/registrations/${registered.json().id}`,
          headers: { cookie: owner.cookie },
        })
      ).json();
      expect(page.warranty.manufacturer).toMatchObject({
        basis: "confirmed",
        source: "shop-order",
        start: "2025-03-14",
        end: "2027-03-14",
      });
      expect(page.warranty.statutory).toMatchObject({
        basis: "confirmed",
        start: "2025-03-14",
        end: "2030-03-14",
        years: 5,
      });
      expect(page.warranty.timeline.map((p: { kind: string }) => p.kind)).toEqual([
        "start",
        "today",
        "coverage-end",
        "statutory-end",
      ]);
    });

    it("replaces the date when the web shop corrects it", async () => {
      clock.set(NOW);
      const fridge = await freshUnit(t, "fridge");
      const order = { source: "shop-order", orderId: `WEB-${fridge.serial}`, identifier: fridge.serial };
      expect((await confirm({ ...order, deliveredOn: "2025-03-14" })).json().status).toBe("stored");
      expect((await confirm({ ...order, deliveredOn: "2025-03-12" })).json().status).toBe("updated");
      expect(await storedUnder(order.orderId)).toEqual([
        { source: "shop-order", serial: fridge.serial, imei: null, confirmed_on: "2025-03-12" },
      ]);
    });

    it("keeps an activation for a phone not in the registry yet, and applies it once the unit appears", async () => {
      clock.set(NOW);
      const phone = nextUnit("phone");
      const imei = phone.imei as string;
      const early = await confirm({ source: "activation", imei, activatedOn: "2025-05-20" });
      expect(early.json()).toEqual({ status: "stored", unitKnown: false });
      const imported = await t.app.inject({
        method: "POST",
        url: "/api/v1/service/units",
        headers: { "x-service-key": KEY, "content-type": "application/x-ndjson" },
        payload: JSON.stringify({ serial: phone.serial, model: phone.model, imei1: imei }),
      });
      expect(imported.statusCode).toBe(200);
      const owner = await freshOwner(t);
      const registered = await t.app.inject({
        method: "POST",
        url: "/api/v1/registrations",
        headers: owner.headers,
        payload: { identifier: imei },
      });
      expect(registered.statusCode).toBe(201);
      expect(registered.json().warranty.manufacturer).toMatchObject({
        basis: "confirmed",
        source: "activation",
        start: "2025-05-20",
      });
    });

    it("refuses a date after today by the clock, and takes it once that day has come", async () => {
      clock.set(NOW);
      const phone = nextUnit("phone");
      const imei = phone.imei as string;
      const tomorrow = { source: "activation", imei, activatedOn: "2025-06-02" };
      const early = await confirm(tomorrow);
      expect(early.statusCode).toBe(422);
      expect(early.json().code).toBe("confirmation.date_future");
      expect(await storedUnder(imei)).toEqual([]);

      clock.advanceDays(1);
      expect((await confirm(tomorrow)).json()).toEqual({ status: "stored", unitKnown: false });
      expect(await storedUnder(imei)).toHaveLength(1);
    });

    /** Each case names what it would be stored under, so that the test can show nothing was. */
    const refusals: [string, (unit: FreshUnit) => { payload: object; reference: string }, number, string][] =
      [
        [
          "an IMEI whose check digit is wrong",
          () => ({
            payload: { source: "activation", imei: "356938035643808", activatedOn: "2025-01-01" },
            reference: "356938035643808",
          }),
          422,
          "confirmation.imei_invalid",
        ],
        [
          "an identifier that is no serial number or IMEI",
          (unit) => ({
            payload: {
              source: "shop-order",
              orderId: `W-${unit.serial}`,
              identifier: "??",
              deliveredOn: "2025-01-01",
            },
            reference: `W-${unit.serial}`,
          }),
          422,
          "confirmation.identifier_invalid",
        ],
        [
          "a delivery before the unit was made",
          (unit) => ({
            payload: {
              source: "shop-order",
              orderId: `W-${unit.serial}`,
              identifier: unit.serial,
              deliveredOn: "2001-01-01",
            },
            reference: `W-${unit.serial}`,
          }),
          422,
          "confirmation.date_before_manufacture",
        ],
        [
          "a date that does not exist",
          (unit) => ({
            payload: {
              source: "shop-order",
              orderId: `W-${unit.serial}`,
              identifier: unit.serial,
              deliveredOn: "2025-02-30",
            },
            reference: `W-${unit.serial}`,
          }),
          400,
          "request.invalid",
        ],
        [
          "a source we do not know",
          (unit) => ({
            payload: { source: "warranty-card", identifier: unit.serial },
            reference: unit.serial,
          }),
          400,
          "request.invalid",
        ],
      ];
    it.each(refusals)("refuses %s with %i %s and stores nothing", async (_name, make, status, code) => {
      clock.set(NOW);
      const { payload, reference } = make(await freshUnit(t, "phone"));
      const res = await confirm(payload);
      expect(res.statusCode).toBe(status);
      expect(res.json().code).toBe(code);
      expect(await storedUnder(reference)).toEqual([]);
    });

    it("takes confirmations in bulk as NDJSON, with rejected lines and their reasons", async () => {
      clock.set(NOW);
      const tv = await freshUnit(t, "tv");
      const phone = await freshUnit(t, "phone");
      const delivery = JSON.stringify({
        source: "shop-order",
        orderId: `WEB-${tv.serial}`,
        identifier: tv.serial,
        deliveredOn: "2025-01-10",
      });
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/service/confirmations/bulk",
        headers: { "x-service-key": KEY, "content-type": "application/x-ndjson" },
        payload: [
          delivery,
          "{broken",
          JSON.stringify({ source: "activation", imei: phone.imei, activatedOn: "2025-02-01" }),
          delivery,
          JSON.stringify({ source: "activation", imei: phone.imei, activatedOn: "2025-06-02" }),
        ].join("\n"),
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        stored: 2,
        unchanged: 1,
        rejected: 2,
        rejections: [
          { line: 2, reason: "not valid JSON" },
          { line: 5, reason: "The date is in the future." },
        ],
      });
      expect(await storedUnder(`WEB-${tv.serial}`)).toHaveLength(1);
    });
  });
}
