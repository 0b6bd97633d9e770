import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { claimSteps } from "../../../test/claim-requests.ts";
import { manualClock } from "../../../test/clock.ts";
import { freshOwner, freshUnit, registeredProduct } from "../../../test/factories.ts";
import { seedCatalogue } from "../../../test/fixtures.ts";
import { dialects, type SignedIn, startTestApp, type TestApp } from "../../../test/harness.ts";
import { askTransferRequest } from "../../../test/transfer-requests.ts";
import { upsertDiscovered } from "../registration/service.ts";

const START = "2026-12-01T09:00:00Z";

for (const dialect of dialects()) {
  describe(`My Page's alerts and product tiles on ${dialect}`, () => {
    const clock = manualClock(START);
    let t: TestApp;
    let reviewer: SignedIn;
    beforeAll(async () => {
      t = await startTestApp(
        dialect,
        {
          LOOKUPS_PER_MINUTE_ACCOUNT: "1000",
          LOOKUPS_PER_MINUTE_IP: "1000",
          REMINDER_THRESHOLDS_DAYS: "60,7",
        },
        undefined,
        clock,
      );
      await seedCatalogue(t.database);
      reviewer = await freshOwner(t, "reviewer");
    });
    beforeEach(() => clock.set(START));
    afterAll(() => t.close());

    const { decide, reply, claimedFridge } = claimSteps(
      () => t,
      clock,
      () => reviewer,
    );
    const myPage = async (owner: SignedIn) => {
      const res = await t.app.inject({
        method: "GET",
        url: "/api/v1/my-page",
        headers: { cookie: owner.cookie },
      });
      expect(res.statusCode).toBe(200);
      return res.json();
    };
    const kinds = (page: { alerts: { kind: string }[] }) => page.alerts.map((a) => a.kind);

    it("shows a tile per product with its picture, name, warranty and the repair's absence", async () => {
      const { owner, registrationId } = await registeredProduct(t, { kind: "tv" });
      await t.app.inject({
        method: "PATCH",
        url: `/api/v1/registrations/${registrationId}`,
        headers: owner.headers,
        payload: { nickname: "Stua" },
      });
      const page = await myPage(owner);
      expect(page.productCount).toBe(1);
      expect(page.products).toMatchObject([
        {
          id: registrationId,
          nickname: "Stua",
          model: { code: "NX-H24-55", imageUrl: "/catalogue/tv.svg" },
          // Made March 2024, its estimated warranty ended before the clock's day; the right to complain runs on.
          warranty: { standing: "complaint-only", statutory: { status: "active" } },
          repair: null,
        },
      ]);
    });

    it("names a warranty that ends within the reminder thresholds, with its product page, and clears once it ended", async () => {
      // Bought 2024-12-20: the 24 months run to 2026-12-20, 19 days after the clock's day.
      const { owner, registrationId } = await registeredProduct(t, {
        kind: "fridge",
        purchaseDate: "2024-12-20",
      });
      const before = await myPage(owner);
      expect(before.alerts).toEqual([
        {
          kind: "period-ending",
          period: "manufacturer",
          registrationId,
          product: { nb: expect.any(String), en: expect.any(String) },
          end: "2026-12-20",
          daysLeft: 19,
          action: `/products/${registrationId}`,
        },
      ]);
      clock.advanceDays(20);
      expect((await myPage(owner)).alerts).toEqual([]);
    });

    it("says a claim waits for the owner's answer until they answer", async () => {
      const { owner, registrationId, claim } = await claimedFridge();
      expect(kinds(await myPage(owner))).not.toContain("claim-waiting");
      expect(
        (await decide(claim.id, { decision: "more-info", reason: "The receipt is hard to read." }))
          .statusCode,
      ).toBe(200);
      const waiting = (await myPage(owner)).alerts.find((a: { kind: string }) => a.kind === "claim-waiting");
      expect(waiting).toMatchObject({
        claimId: claim.id,
        registrationId,
        action: `/products/${registrationId}#claims-title`,
      });
      expect((await reply(owner, claim.id, { message: "Here is a better photo." })).statusCode).toBe(200);
      expect(kinds(await myPage(owner))).not.toContain("claim-waiting");
    });

    it("says someone asks for one of the owner's products, to the owner only, until it is answered", async () => {
      const { owner, unit } = await registeredProduct(t, { kind: "tv" });
      const buyer = await freshOwner(t);
      const asked = await askTransferRequest(t, buyer, unit.serial);
      expect(asked.statusCode).toBe(201);
      const alert = (await myPage(owner)).alerts.find((a: { kind: string }) => a.kind === "transfer-asked");
      expect(alert).toMatchObject({ transferId: asked.json().id, action: "/transfers" });
      expect(kinds(await myPage(buyer))).toEqual([]);
      const answered = await t.app.inject({
        method: "POST",
        url: `/api/v1/transfer-requests/${asked.json().id}/answer`,
        headers: owner.headers,
        payload: { decision: "decline" },
      });
      expect(answered.statusCode).toBe(200);
      expect(kinds(await myPage(owner))).not.toContain("transfer-asked");
    });

    it("counts the devices found and not registered, and clears when they are registered", async () => {
      const owner = await freshOwner(t);
      const units = [await freshUnit(t, "tv"), await freshUnit(t, "fridge")];
      for (const [i, unit] of units.entries()) {
        await upsertDiscovered(t.database.db, {
          ownerId: owner.userId,
          source: "smarthome",
          externalId: `device-${i}-${unit.serial}`,
          serial: unit.serial,
          model: null,
          name: null,
          ours: true,
          oem: false,
          at: START,
        });
      }
      expect((await myPage(owner)).alerts).toEqual([
        { kind: "unregistered", count: 2, action: "/products#unregistered-title" },
      ]);
      for (const unit of units) {
        const res = await t.app.inject({
          method: "POST",
          url: "/api/v1/registrations",
          headers: owner.headers,
          payload: { identifier: unit.serial },
        });
        expect(res.statusCode).toBe(201);
      }
      expect(kinds(await myPage(owner))).not.toContain("unregistered");
    });

    it("shows no one else's alerts or products", async () => {
      await claimedFridge();
      const owner = await freshOwner(t);
      const page = await myPage(owner);
      expect([page.alerts, page.products, page.productCount]).toEqual([[], [], 0]);
    });
  });
}
