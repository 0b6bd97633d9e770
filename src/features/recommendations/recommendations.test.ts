import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshOwner, registeredProduct } from "../../../test/factories.ts";
import { seedCatalogue } from "../../../test/fixtures.ts";
import { dialects, type SignedIn, startTestApp, type TestApp } from "../../../test/harness.ts";
import { TEXT_VERSIONS } from "../../domain/consent.ts";
import { coOwners } from "./queries.ts";

const PHONE = "NX-P24-128";
const TV = "NX-H24-55";
const FRIDGE = "NX-RF24-195";

type Card = {
  model: { code: string; imageUrl: string | null };
  reason: string;
  for: { modelCode: string };
  url: string;
};

for (const dialect of dialects()) {
  describe(`recommendations on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect, {
        LOOKUPS_PER_MINUTE_ACCOUNT: "1000",
        LOOKUPS_PER_MINUTE_IP: "1000",
        RECOMMENDATION_MIN_CO_OWNERS: "2",
        SHOP_PRODUCT_URL: "https://shop.example.com/p/{model}?ref=portal",
      });
      await seedCatalogue(t.database);
    });
    afterAll(() => t.close());

    const consent = async (owner: SignedIn, given: boolean) => {
      const res = await t.app.inject({
        method: "PUT",
        url: "/api/v1/me/consents/recommendations",
        headers: owner.headers,
        payload: { given, textVersion: TEXT_VERSIONS.recommendations },
      });
      expect(res.statusCode).toBeLessThan(300);
    };
    const myPage = async (owner: SignedIn) =>
      (
        await t.app.inject({ method: "GET", url: "/api/v1/my-page", headers: { cookie: owner.cookie } })
      ).json().recommendations as { on: boolean; items: Card[] };
    const productPage = async (owner: SignedIn, id: string) =>
      (
        await t.app.inject({
          method: "GET",
          url: `/api/v1/registrations/${id}`,
          headers: { cookie: owner.cookie },
        })
      ).json().recommended as Card[];
    const remove = async (owner: SignedIn, id: string) =>
      expect(
        (await t.app.inject({ method: "DELETE", url: `/api/v1/registrations/${id}`, headers: owner.headers }))
          .statusCode,
      ).toBe(204);

    it("shows none without the owner's consent, cards with a reason, an image and the shop's link with it", async () => {
      const { owner, registrationId } = await registeredProduct(t, { kind: "fridge" });
      expect(await myPage(owner)).toEqual({ on: false, items: [] });
      expect(await productPage(owner, registrationId)).toEqual([]);
      await consent(owner, true);
      const filter = {
        model: expect.objectContaining({ code: "NX-SP-FLT1", imageUrl: "/catalogue/component.svg" }),
        reason: "consumable",
        for: expect.objectContaining({ modelCode: FRIDGE }),
        url: "https://shop.example.com/p/NX-SP-FLT1?ref=portal",
      };
      const on = await myPage(owner);
      expect(on.on).toBe(true);
      expect(on.items).toEqual([expect.objectContaining(filter)]);
      expect(await productPage(owner, registrationId)).toEqual([expect.objectContaining(filter)]);
      await consent(owner, false);
      expect(await myPage(owner)).toEqual({ on: false, items: [] });
      expect(await productPage(owner, registrationId)).toEqual([]);
    });

    it("shows what owners of the model also own only from the minimum count on, and never what the owner has", async () => {
      const alsoOwned = (cards: Card[]) =>
        cards.filter((c) => c.reason === "also-owned").map((c) => c.model.code);
      const reader = await registeredProduct(t, { kind: "phone" });
      await consent(reader.owner, true);
      const first = await registeredProduct(t, { kind: "phone" });
      const firstTv = await registeredProduct(t, { kind: "tv", owner: first.owner });
      expect(await coOwners(t.database.db, PHONE, TV)).toBe(1);
      // One other owner is never enough: it would tell the reader what that one person has.
      expect(alsoOwned(await productPage(reader.owner, reader.registrationId))).toEqual([]);
      const second = await registeredProduct(t, { kind: "phone" });
      const secondTv = await registeredProduct(t, { kind: "tv", owner: second.owner });
      expect(await coOwners(t.database.db, PHONE, TV)).toBe(2);
      expect(await coOwners(t.database.db, TV, PHONE)).toBe(2);
      const cards = await productPage(reader.owner, reader.registrationId);
      expect(cards).toContainEqual(
        expect.objectContaining({
          model: expect.objectContaining({ code: TV }),
          reason: "also-owned",
          for: { modelCode: PHONE, names: expect.any(Object) },
        }),
      );
      expect(cards.map((c) => c.model.code)).not.toContain(PHONE);
      // An owner of both never gets either recommended.
      await consent(first.owner, true);
      for (const card of [
        ...(await myPage(first.owner)).items,
        ...(await productPage(first.owner, first.registrationId)),
      ])
        expect([PHONE, TV]).not.toContain(card.model.code);
      // A second unit of a model changes nothing; removing the last one takes the owner out of the count.
      await registeredProduct(t, { kind: "tv", owner: second.owner });
      expect(await coOwners(t.database.db, PHONE, TV)).toBe(2);
      await remove(second.owner, secondTv.registrationId);
      expect(await coOwners(t.database.db, PHONE, TV)).toBe(2);
      await remove(first.owner, firstTv.registrationId);
      expect(await coOwners(t.database.db, PHONE, TV)).toBe(1);
      expect(alsoOwned(await productPage(reader.owner, reader.registrationId))).toEqual([]);
    });

    it("answers My Page for an owner with consent and no products with no cards", async () => {
      const owner = await freshOwner(t);
      await consent(owner, true);
      expect(await myPage(owner)).toEqual({ on: true, items: [] });
    });
  });
}
