import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { manualClock } from "../../../test/clock.ts";
import { freshOwner, freshUnit, nextUnit, registeredProduct } from "../../../test/factories.ts";
import { PHONE_GTIN, seedCatalogue } from "../../../test/fixtures.ts";
import { dialects, registrationIdsOf, startTestApp, type TestApp } from "../../../test/harness.ts";

const LIMITS = { LOOKUPS_PER_MINUTE_ACCOUNT: "1000", LOOKUPS_PER_MINUTE_IP: "1000" };

/** The same 15 digits with another last digit: an IMEI that fails its check digit. */
const wrongCheckDigit = (imei: string) => `${imei.slice(0, 14)}${(Number(imei[14]) + 1) % 10}`;

for (const dialect of dialects()) {
  describe(`registering a product on ${dialect}`, () => {
    let t: TestApp;
    // 23:30 UTC is already the next day in Oslo.
    const START = "2026-12-01T23:30:00Z";
    const clock = manualClock(START);
    beforeAll(async () => {
      t = await startTestApp(dialect, LIMITS, undefined, clock);
      await seedCatalogue(t.database);
    });
    // Every test starts at the same instant, however far the one before moved the clock.
    beforeEach(() => clock.set(START));
    afterAll(() => t.close());

    const registerAs = (headers: Record<string, string>, payload: object) =>
      t.app.inject({ method: "POST", url: "/api/v1/registrations", headers, payload });

    it("answers 401 without a session", async () => {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/registrations",
        payload: { identifier: "x" },
      });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe("auth.required");
    });

    it("answers 400 with the code for a body that is not a registration", async () => {
      const owner = await freshOwner(t);
      const res = await registerAs(owner.headers, { identifier: 42 });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe("request.invalid");
    });

    it("answers 403 with the code to staff, who register nothing of their own", async () => {
      const agent = await freshOwner(t, "agent");
      const unit = await freshUnit(t, "tv");
      const res = await registerAs(agent.headers, { identifier: unit.serial });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe("auth.forbidden");
      expect(await registrationIdsOf(t, agent.userId)).toEqual([]);
    });

    it("registers a phone typed as an IMEI with spaces and a hyphen, at the clock's time, with its points", async () => {
      const owner = await freshOwner(t);
      const phone = await freshUnit(t, "phone");
      const imei = phone.imei as string;
      const res = await registerAs(owner.headers, {
        identifier: ` ${imei.slice(0, 8)}-${imei.slice(8)} `,
        nickname: "Work phone",
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        channel: "web-imei",
        nickname: "Work phone",
        identifier: {
          serial: phone.serial,
          imei,
          serialMasked: `${phone.serial.slice(0, 3)}••••${phone.serial.slice(-4)}`,
        },
        model: { code: phone.model, categoryCode: "phone" },
        registeredAt: clock.now().toISOString(),
        pointsEarned: 200,
      });
      expect(res.json().warranty.manufacturer).toMatchObject({
        basis: "estimated",
        source: "manufacture-date",
        months: 24,
      });
      expect(await registrationIdsOf(t, owner.userId)).toEqual([res.json().id]);
    });

    it("answers a registration exactly as its product page shows it, with and without points, date and place", async () => {
      const owner = await freshOwner(t);
      const first = await registerAs(owner.headers, {
        identifier: (await freshUnit(t, "tv")).serial,
        purchaseDate: "2026-01-15",
        purchasePlace: "Elkjøp",
      });
      expect(first.statusCode).toBe(201);
      // A unit registered before earns no points a second time.
      const phone = await freshUnit(t, "phone");
      const earlier = await freshOwner(t);
      const theirs = await registerAs(earlier.headers, { identifier: phone.serial });
      await t.app.inject({
        method: "DELETE",
        url: `/api/v1/registrations/${theirs.json().id}`,
        headers: earlier.headers,
      });
      const second = await registerAs(owner.headers, { identifier: phone.serial });
      expect(second.statusCode).toBe(201);
      expect(second.json().pointsEarned).toBe(0);
      for (const written of [first, second]) {
        const read = await t.app.inject({
          method: "GET",
          url: `/api/v1/registrations/${written.json().id}`,
          headers: owner.headers,
        });
        // The product page is the registration's view and the catalogue's extras.
        expect(read.json()).toMatchObject(written.json());
      }
    });

    it("tells the owner a product is theirs already, and another account only that it is taken", async () => {
      const { owner, unit, registrationId } = await registeredProduct(t);
      const again = await registerAs(owner.headers, { identifier: unit.imei as string });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ code: "registration.already_yours", registrationId });

      const other = await freshOwner(t);
      const taken = await registerAs(other.headers, { identifier: unit.serial });
      expect(taken.statusCode).toBe(409);
      expect(taken.json().code).toBe("registration.taken");
      expect(taken.body).not.toContain(owner.email);
      expect(taken.body).not.toContain(owner.userId);
      expect(await registrationIdsOf(t, other.userId)).toEqual([]);
    });

    it.each<[string, (t: TestApp) => Promise<object>, string]>([
      [
        "a wrong check digit",
        async () => ({ identifier: wrongCheckDigit(nextUnit("phone").imei as string) }),
        "identifier.check_digit",
      ],
      [
        "an 11-character serial for a TV",
        async (t) => ({ identifier: (await freshUnit(t, "phone")).serial, productType: "tv" }),
        "identifier.length",
      ],
      ["the box's product code", async () => ({ identifier: PHONE_GTIN.slice(1) }), "identifier.box_code"],
      [
        "an SSD",
        async (t) => ({ identifier: (await freshUnit(t, "ssd")).serial }),
        "product.not_registrable",
      ],
      [
        "an SSD chosen as the type",
        async (t) => ({ identifier: (await freshUnit(t, "ssd")).serial, productType: "ssd" }),
        "product.not_registrable",
      ],
      [
        "a serial no unit has",
        async () => ({ identifier: nextUnit("phone").serial }),
        "identifier.not_found",
      ],
      [
        "an unknown product type",
        async () => ({ identifier: nextUnit("phone").serial, productType: "spaceship" }),
        "product_type.unknown",
      ],
      ["a 16-digit IMEISV", async () => ({ identifier: "3520990017614801" }), "identifier.imeisv"],
      ["characters never on a label", async () => ({ identifier: "RK3T3AC00€0" }), "identifier.charset"],
    ])("answers %s with 422, its own code, and registers nothing", async (_name, payload, code) => {
      const owner = await freshOwner(t);
      const res = await registerAs(owner.headers, await payload(t));
      expect(res.statusCode).toBe(422);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json().code).toBe(code);
      expect(await registrationIdsOf(t, owner.userId)).toEqual([]);
    });

    it("says which model a box code belongs to, and which length a TV's serial has", async () => {
      const owner = await freshOwner(t);
      const box = await registerAs(owner.headers, { identifier: PHONE_GTIN });
      expect(box.json()).toMatchObject({
        code: "identifier.box_code",
        model: { code: "NX-P24-128" },
        categoryCode: "phone",
      });
      const phone = nextUnit("phone");
      const length = await registerAs(owner.headers, { identifier: phone.serial, productType: "tv" });
      expect(length.json().problems[0]).toMatchObject({
        typedLength: 11,
        expectedLengths: [15],
        expected: "serial15",
      });
    });

    it("suggests the real unit for a serial typed with O for 0, and registers the suggestion", async () => {
      const owner = await freshOwner(t);
      const phone = await freshUnit(t, "phone");
      const zeros = [...phone.serial].flatMap((c, i) => (c === "0" ? [i + 1] : []));
      expect(zeros.length).toBeGreaterThan(0);
      const typo = await registerAs(owner.headers, { identifier: phone.serial.replaceAll("0", "o") });
      expect(typo.statusCode).toBe(422);
      expect(typo.json().code).toBe("identifier.not_found");
      expect(typo.json().suggestions).toEqual([
        {
          identifier: phone.serial,
          fixes: zeros.map((position) => ({ position, typed: "O", suggested: "0" })),
          model: expect.objectContaining({ code: phone.model }),
          producedIn: "2024-03",
        },
      ]);
      const accepted = await registerAs(owner.headers, { identifier: typo.json().suggestions[0].identifier });
      expect(accepted.statusCode).toBe(201);
      expect(accepted.json()).toMatchObject({ channel: "web-serial", identifier: { serial: phone.serial } });
    });

    it("takes a purchase date that has come in Oslo though it is still the day before in UTC", async () => {
      const owner = await freshOwner(t);
      const fridge = await freshUnit(t, "fridge");
      const res = await registerAs(owner.headers, { identifier: fridge.serial, purchaseDate: "2026-12-02" });
      expect(res.statusCode).toBe(201);
      expect(res.json().purchaseDate).toBe("2026-12-02");
    });

    it("refuses a purchase date in the future until the clock reaches it", async () => {
      const owner = await freshOwner(t);
      const fridge = await freshUnit(t, "fridge");
      const future = await registerAs(owner.headers, {
        identifier: fridge.serial,
        purchaseDate: "2026-12-03",
      });
      expect(future.statusCode).toBe(422);
      expect(future.json().code).toBe("registration.purchase_date_future");
      expect(await registrationIdsOf(t, owner.userId)).toEqual([]);

      clock.advanceDays(1);
      const later = await registerAs(owner.headers, {
        identifier: fridge.serial,
        purchaseDate: "2026-12-03",
      });
      expect(later.statusCode).toBe(201);
    });

    it("refuses a purchase date before the product was made, and says when it was made", async () => {
      const owner = await freshOwner(t);
      const fridge = await freshUnit(t, "fridge");
      const early = await registerAs(owner.headers, {
        identifier: fridge.serial,
        purchaseDate: "2010-01-01",
      });
      expect(early.statusCode).toBe(422);
      expect(early.json()).toMatchObject({
        code: "registration.purchase_date_before_manufacture",
        manufacturedOn: expect.stringMatching(/^20\d\d-\d\d-01$/),
      });
      const invalid = await registerAs(owner.headers, {
        identifier: fridge.serial,
        purchaseDate: "2024-02-30",
      });
      expect(invalid.statusCode).toBe(400);
      expect(invalid.json().code).toBe("request.invalid");
    });

    it("lets exactly one of two simultaneous registrations of one unit win", async () => {
      const [a, b, phone] = await Promise.all([freshOwner(t), freshOwner(t), freshUnit(t, "phone")]);
      const results = await Promise.all([
        registerAs(a.headers, { identifier: phone.serial }),
        registerAs(b.headers, { identifier: phone.serial }),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      expect(results.find((r) => r.statusCode === 409)?.json().code).toBe("registration.taken");
      const registered = [
        ...(await registrationIdsOf(t, a.userId)),
        ...(await registrationIdsOf(t, b.userId)),
      ];
      expect(registered).toEqual([results.find((r) => r.statusCode === 201)?.json().id]);
    });

    it("asks the members app for the owner's consent once, then records the app channel", async () => {
      const owner = await freshOwner(t);
      const tv = await freshUnit(t, "tv");
      const app = { authorization: `Bearer ${owner.token}` };
      const first = await registerAs(app, { identifier: tv.serial });
      expect(first.statusCode).toBe(409);
      expect(first.json()).toMatchObject({ code: "app.consent_required", textVersion: expect.any(String) });
      const consent = await t.app.inject({
        method: "POST",
        url: "/api/v1/app/consent",
        headers: app,
        payload: { textVersion: first.json().textVersion },
      });
      expect(consent.statusCode).toBe(200);
      const res = await registerAs(app, { identifier: tv.serial });
      expect(res.statusCode).toBe(201);
      expect(res.json().channel).toBe("app-serial");
    });
  });

  describe(`checking an identifier without registering on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect, LIMITS);
      await seedCatalogue(t.database);
    });
    afterAll(() => t.close());

    const check = (headers: Record<string, string> | undefined, payload: object) =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/identifiers/check",
        ...(headers ? { headers } : {}),
        payload,
      });

    it("answers 401 without a session, and 400 with the code for a body that is not a check", async () => {
      expect((await check(undefined, { identifier: "x" })).statusCode).toBe(401);
      const owner = await freshOwner(t);
      const res = await check(owner.headers, { identifier: "x", extra: true });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe("request.invalid");
    });

    it("names the model and category of a unit, and registers nothing", async () => {
      const owner = await freshOwner(t);
      const tv = await freshUnit(t, "tv");
      const res = await check(owner.headers, { identifier: tv.serial.toLowerCase() });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        normalized: tv.serial,
        kind: "serial",
        found: true,
        categoryCode: "tv",
        model: { code: tv.model },
        problems: [],
      });
      expect(await registrationIdsOf(t, owner.userId)).toEqual([]);
    });

    it("says a unit is the caller's already, or taken, without saying by whom", async () => {
      const { owner, unit } = await registeredProduct(t, { kind: "tv" });
      expect((await check(owner.headers, { identifier: unit.serial })).json().problems).toEqual([
        { code: "registration.already_yours" },
      ]);
      const other = await freshOwner(t);
      const taken = await check(other.headers, { identifier: unit.serial });
      expect(taken.json().problems).toEqual([{ code: "registration.taken" }]);
      expect(taken.body).not.toContain(owner.userId);
    });

    it("answers a problem of the typed identifier with 200 and the problem, not an error", async () => {
      const owner = await freshOwner(t);
      const res = await check(owner.headers, { identifier: "RK3T3AC005", productType: "phone" });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        found: false,
        problems: [{ code: "identifier.length", typedLength: 10, expectedLengths: [15, 11] }],
      });
    });
  });

  describe(`registration look-ups are rate limited on ${dialect}`, () => {
    it("answers 429 with a code once an account has used its look-ups for the minute", async () => {
      const t = await startTestApp(dialect, {
        LOOKUPS_PER_MINUTE_ACCOUNT: "5",
        LOOKUPS_PER_MINUTE_IP: "100",
      });
      try {
        const owner = await freshOwner(t);
        const statuses: number[] = [];
        for (let i = 0; i < 7; i++) {
          const res = await t.app.inject({
            method: "POST",
            url: "/api/v1/identifiers/check",
            headers: owner.headers,
            payload: { identifier: nextUnit("phone").serial },
          });
          statuses.push(res.statusCode);
        }
        expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
        const limited = await t.app.inject({
          method: "POST",
          url: "/api/v1/registrations",
          headers: owner.headers,
          payload: { identifier: "x" },
        });
        expect(limited.statusCode).toBe(429);
        expect(limited.json().code).toBe("request.rate_limited");
      } finally {
        await t.close();
      }
    });
  });
}
