import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedCatalogue, UNITS } from "../../../test/fixtures.ts";
import { dialects, signedInUser, startTestApp, type TestApp } from "../../../test/harness.ts";

const KEY = "shop-secret-0123456789abc";

for (const dialect of dialects()) {
  describe(`purchase confirmations on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect, {
        SERVICE_API_KEYS: `shop:${KEY}`,
        LOOKUPS_PER_MINUTE_ACCOUNT: "1000",
        LOOKUPS_PER_MINUTE_IP: "1000",
      });
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

    it("refuses a confirmation without a service key", async () => {
      const res = await confirm(
        { source: "activation", imei: UNITS.phone.imei, activatedOn: "2025-01-01" },
        null,
      );
      expect(res.statusCode).toBe(401);
    });

    it("turns an estimated warranty into a confirmed one when the web shop confirms the delivery, before or after registration", async () => {
      const owner = await signedInUser(t);
      const registered = await t.app.inject({
        method: "POST",
        url: "/api/v1/registrations",
        headers: owner.headers,
        payload: { identifier: UNITS.fridge.serial },
      });
      expect(registered.json().warranty.manufacturer.basis).toBe("estimated");

      const first = await confirm({
        source: "shop-order",
        orderId: "WEB-1001",
        identifier: UNITS.fridge.serial.toLowerCase(),
        deliveredOn: "2025-03-14",
      });
      expect(first.json()).toEqual({ status: "stored", unitKnown: true });
      const again = await confirm({
        source: "shop-order",
        orderId: "WEB-1001",
        identifier: UNITS.fridge.serial,
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
        "purchase",
        "today",
        "manufacturer-end",
        "statutory-end",
      ]);
    });

    it("keeps an activation for a phone not in the registry yet, and applies it once the unit appears", async () => {
      const imei = "356938035643809";
      const early = await confirm({ source: "activation", imei, activatedOn: "2025-06-01" });
      expect(early.json()).toEqual({ status: "stored", unitKnown: false });
      await t.app.inject({
        method: "POST",
        url: "/api/v1/service/units",
        headers: { "x-service-key": KEY, "content-type": "application/x-ndjson" },
        payload: JSON.stringify({ serial: "RK3T3AC0777", model: "NX-P24-128", imei1: imei }),
      });
      const owner = await signedInUser(t);
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
        start: "2025-06-01",
      });
    });

    it.each([
      [
        { source: "activation", imei: "356938035643808", activatedOn: "2025-01-01" },
        422,
        "confirmation.imei_invalid",
      ],
      [
        { source: "activation", imei: "356938035643809", activatedOn: "2999-01-01" },
        422,
        "confirmation.date_future",
      ],
      [
        { source: "shop-order", orderId: "W-1", identifier: "??", deliveredOn: "2025-01-01" },
        422,
        "confirmation.identifier_invalid",
      ],
      [
        { source: "shop-order", orderId: "W-1", identifier: "RK3T3AC0050", deliveredOn: "2001-01-01" },
        422,
        "confirmation.date_before_manufacture",
      ],
      [
        { source: "shop-order", orderId: "W-1", identifier: "RK3T3AC0050", deliveredOn: "2025-02-30" },
        400,
        "request.invalid",
      ],
      [{ source: "warranty-card", identifier: "RK3T3AC0050" }, 400, "request.invalid"],
    ])("refuses %j with %i %s and stores nothing", async (payload, status, code) => {
      const before = (await t.database.db.selectFrom("purchase_confirmation").select("id").execute()).length;
      const res = await confirm(payload);
      expect(res.statusCode).toBe(status);
      expect(res.json().code).toBe(code);
      expect((await t.database.db.selectFrom("purchase_confirmation").select("id").execute()).length).toBe(
        before,
      );
    });

    it("takes confirmations in bulk as NDJSON, with rejected lines and their reasons", async () => {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/service/confirmations/bulk",
        headers: { "x-service-key": KEY, "content-type": "application/x-ndjson" },
        payload: [
          JSON.stringify({
            source: "shop-order",
            orderId: "WEB-2001",
            identifier: UNITS.tv.serial,
            deliveredOn: "2025-01-10",
          }),
          "{broken",
          JSON.stringify({ source: "activation", imei: UNITS.phone2.imei, activatedOn: "2025-02-01" }),
          JSON.stringify({
            source: "shop-order",
            orderId: "WEB-2001",
            identifier: UNITS.tv.serial,
            deliveredOn: "2025-01-10",
          }),
        ].join("\n"),
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        stored: 2,
        unchanged: 1,
        rejected: 1,
        rejections: [{ line: 2, reason: "not valid JSON" }],
      });
    });
  });
}
