import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshOwner, freshUnit } from "../../../test/factories.ts";
import { seedCatalogue } from "../../../test/fixtures.ts";
import { dialects, registrationIdsOf, startTestApp, type TestApp } from "../../../test/harness.ts";
import { importUnits } from "../units/import.ts";

const LIMITS = { LOOKUPS_PER_MINUTE_ACCOUNT: "1000", LOOKUPS_PER_MINUTE_IP: "1000" };

let made = 0;

/** Six sequence characters no other unit of this file has, with a 0 an owner may read as O. */
function sequence(): string {
  made++;
  return `W0${String(made).padStart(4, "7")}`;
}

/** Units put in the registry as the factory feed sends them (the catalogue must be seeded). */
async function imported(t: TestApp, units: { serial: string; model: string; manufacturedOn?: string }[]) {
  async function* lines() {
    for (const unit of units) yield JSON.stringify(unit);
  }
  const summary = await importUnits(t.database, lines(), { format: "ndjson" });
  if (summary.rejected > 0) throw new Error(`units were rejected: ${JSON.stringify(units)}`);
}

/**
 * Two Vista TVs from one line whose serials differ only in the month character: 8 (August) and
 * B (November) fold to the same look-alike key. Typed with an O for the sequence's 0, neither is
 * found as typed, and both are meant.
 */
async function lookAlikeTwins(t: TestApp) {
  const seq = sequence();
  const august = `TVH55HAT8${seq}`;
  const november = `TVH55HATB${seq}`;
  await imported(t, [
    { serial: august, model: "NX-H24-55" },
    { serial: november, model: "NX-H24-55" },
  ]);
  return { august, november, typed: `TVH55HAT8${seq.replace("0", "O")}` };
}

/** A pair of earbuds (serial of the Echo Buds 24 line, made March 2024). */
async function earbuds(t: TestApp) {
  const serial = `EUE24AAT3${sequence()}`;
  await imported(t, [{ serial, model: "NX-E24" }]);
  return serial;
}

for (const dialect of dialects()) {
  describe(`look-alike candidates and the chosen product type on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect, LIMITS);
      await seedCatalogue(t.database);
    });
    afterAll(() => t.close());

    const registerAs = (headers: Record<string, string>, payload: object) =>
      t.app.inject({ method: "POST", url: "/api/v1/registrations", headers, payload });
    const check = (headers: Record<string, string>, payload: object) =>
      t.app.inject({ method: "POST", url: "/api/v1/identifiers/check", headers, payload });

    it("gives each of two look-alike candidates its model and production month, and nothing of an owner", async () => {
      const { august, november, typed } = await lookAlikeTwins(t);
      const earlier = await freshOwner(t);
      expect((await registerAs(earlier.headers, { identifier: november })).statusCode).toBe(201);

      const owner = await freshOwner(t);
      const res = await registerAs(owner.headers, { identifier: typed });
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe("identifier.not_found");
      const suggestions = res.json().suggestions as { identifier: string }[];
      expect([...suggestions].sort((a, b) => a.identifier.localeCompare(b.identifier))).toEqual([
        {
          identifier: august,
          fixes: [{ position: 11, typed: "O", suggested: "0" }],
          model: expect.objectContaining({ code: "NX-H24-55", categoryCode: "tv" }),
          producedIn: "2024-08",
        },
        {
          identifier: november,
          fixes: [
            { position: 9, typed: "8", suggested: "B" },
            { position: 11, typed: "O", suggested: "0" },
          ],
          model: expect.objectContaining({ code: "NX-H24-55", categoryCode: "tv" }),
          producedIn: "2024-11",
        },
      ]);
      expect(res.body).not.toContain(earlier.userId);
      expect(res.body).not.toContain(earlier.email);

      // The check the form asks while the owner types carries the same candidates.
      const checked = await check(owner.headers, { identifier: typed });
      expect(checked.statusCode).toBe(200);
      expect(checked.json().suggestions).toEqual(expect.arrayContaining(suggestions));
      expect(checked.json().suggestions).toHaveLength(2);
    });

    it("says the production month is not known when the registry has none for a candidate", async () => {
      // A supplier's serial outside our scheme: nothing in it says when the unit was made.
      const serial = `RF195HA90${sequence()}`;
      await imported(t, [{ serial, model: "NX-RF24-195" }]);
      const owner = await freshOwner(t);
      const res = await registerAs(owner.headers, { identifier: serial.replace("W0", "WO") });
      expect(res.json().suggestions).toEqual([
        expect.objectContaining({ identifier: serial, producedIn: null }),
      ]);
    });

    it("keeps the purchase date, place and nickname when the owner registers through a suggestion", async () => {
      const { august, typed } = await lookAlikeTwins(t);
      const owner = await freshOwner(t);
      const typedFields = { purchaseDate: "2025-01-15", purchasePlace: "Elkjøp Lade", nickname: "Stua" };
      const miss = await registerAs(owner.headers, { identifier: typed, productType: "tv", ...typedFields });
      expect(miss.json().code).toBe("identifier.not_found");

      const res = await registerAs(owner.headers, { identifier: august, productType: "tv", ...typedFields });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ identifier: { serial: august }, ...typedFields });
      const page = await t.app.inject({
        method: "GET",
        url: `/api/v1/registrations/${res.json().id}`,
        headers: owner.headers,
      });
      expect(page.json()).toMatchObject({ ...typedFields, manufacturedOn: "2024-08-01" });
    });

    it("answers earbuds typed with TV chosen with 422, the unit's model and type and the one chosen, and registers nothing", async () => {
      const serial = await earbuds(t);
      const owner = await freshOwner(t);
      const res = await registerAs(owner.headers, {
        identifier: serial,
        productType: "tv",
        nickname: "Stua",
      });
      expect(res.statusCode).toBe(422);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json()).toMatchObject({
        code: "registration.product_type_mismatch",
        detail: expect.stringMatching(/^This unit is of another product type than the one chosen\./),
        normalized: serial,
        model: { code: "NX-E24", categoryCode: "earbuds" },
        categoryCode: "earbuds",
        problems: [
          {
            code: "registration.product_type_mismatch",
            identifierKind: "serial",
            productType: "tv",
            productTypeNames: { nb: "TV", en: "TV" },
            categoryCode: "earbuds",
            categoryNames: { nb: "Trådløse øreplugger", en: "Wireless earbuds" },
          },
        ],
      });
      expect(await registrationIdsOf(t, owner.userId)).toEqual([]);

      // Registered as what it is: with its own type, or with none.
      const asItIs = await registerAs(owner.headers, { identifier: serial, productType: "earbuds" });
      expect(asItIs.statusCode).toBe(201);
      expect(asItIs.json().model).toMatchObject({ code: "NX-E24", categoryCode: "earbuds" });
      const withoutType = await registerAs((await freshOwner(t)).headers, { identifier: await earbuds(t) });
      expect(withoutType.statusCode).toBe(201);
    });

    it("says a phone's IMEI typed with Tablet chosen is a phone's, by IMEI", async () => {
      const phone = await freshUnit(t, "phone");
      const owner = await freshOwner(t);
      const res = await registerAs(owner.headers, {
        identifier: phone.imei as string,
        productType: "tablet",
      });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({
        code: "registration.product_type_mismatch",
        model: { code: phone.model },
        problems: [{ identifierKind: "imei", productType: "tablet", categoryCode: "phone" }],
      });
      expect(await registrationIdsOf(t, owner.userId)).toEqual([]);
    });

    it("reports the unit of another type in the check's problems, before anything is registered", async () => {
      const serial = await earbuds(t);
      const owner = await freshOwner(t);
      const res = await check(owner.headers, { identifier: serial.toLowerCase(), productType: "tv" });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        normalized: serial,
        kind: "serial",
        found: true,
        model: { code: "NX-E24" },
        categoryCode: "earbuds",
        problems: [
          { code: "registration.product_type_mismatch", productType: "tv", categoryCode: "earbuds" },
        ],
        suggestions: [],
      });
      // With the unit's own type, the check has nothing to say.
      const matching = await check(owner.headers, { identifier: serial, productType: "earbuds" });
      expect(matching.json()).toMatchObject({ found: true, categoryCode: "earbuds", problems: [] });
      expect(await registrationIdsOf(t, owner.userId)).toEqual([]);
    });
  });
}
