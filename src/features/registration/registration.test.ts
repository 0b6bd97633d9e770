import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PHONE_GTIN, seedCatalogue, UNITS } from "../../../test/fixtures.ts";
import {
  dialects,
  registrationIdsOf,
  signedInUser,
  startTestApp,
  type TestApp,
} from "../../../test/harness.ts";

for (const dialect of dialects()) {
  describe(`registration on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect, { LOOKUPS_PER_MINUTE_ACCOUNT: "1000", LOOKUPS_PER_MINUTE_IP: "1000" });
      await seedCatalogue(t.database);
    });
    afterAll(() => t.close());

    const registerAs = (headers: Record<string, string>, payload: object) =>
      t.app.inject({ method: "POST", url: "/api/v1/registrations", headers, payload });

    it("answers 401 without a session, and 400 with the code for a malformed body", async () => {
      expect(
        (await t.app.inject({ method: "POST", url: "/api/v1/registrations", payload: { identifier: "x" } }))
          .statusCode,
      ).toBe(401);
      const owner = await signedInUser(t);
      const res = await registerAs(owner.headers, { identifier: 42 });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe("request.invalid");
    });

    it("registers a phone by IMEI, credits points once and lists it in My products", async () => {
      const owner = await signedInUser(t);
      const res = await registerAs(owner.headers, {
        identifier: ` ${UNITS.phone.imei.slice(0, 8)}-${UNITS.phone.imei.slice(8)} `,
        nickname: "Work phone",
      });
      expect(res.statusCode).toBe(201);
      const registration = res.json();
      expect(registration).toMatchObject({
        channel: "web-imei",
        nickname: "Work phone",
        identifier: { serial: UNITS.phone.serial, imei: UNITS.phone.imei, serialMasked: "RK3••••0050" },
        model: { code: "NX-P24-128", categoryCode: "phone" },
        pointsEarned: 200,
      });
      expect(registration.warranty.manufacturer).toMatchObject({
        basis: "estimated",
        source: "manufacture-date",
        months: 24,
      });

      const list = (
        await t.app.inject({ method: "GET", url: "/api/v1/registrations", headers: { cookie: owner.cookie } })
      ).json();
      expect(list.registrations.map((r: { id: string }) => r.id)).toEqual([registration.id]);
      expect(list.unregistered).toEqual([]);
      const points = (
        await t.app.inject({ method: "GET", url: "/api/v1/points", headers: { cookie: owner.cookie } })
      ).json();
      expect(points.balance).toBe(200);
      expect(points.movements[0]).toMatchObject({ kind: "first-registration", points: 200 });

      // Registering again: shown, no duplicate.
      const again = await registerAs(owner.headers, { identifier: UNITS.phone.serial });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({
        code: "registration.already_yours",
        registrationId: registration.id,
      });

      // Another account: told it is taken, never by whom.
      const other = await signedInUser(t);
      const taken = await registerAs(other.headers, { identifier: UNITS.phone.imei });
      expect(taken.statusCode).toBe(409);
      expect(taken.json().code).toBe("registration.taken");
      expect(taken.body).not.toContain(owner.email);
      expect(taken.body).not.toContain(owner.userId);

      const transfer = await t.app.inject({
        method: "POST",
        url: "/api/v1/transfer-requests",
        headers: other.headers,
        payload: { identifier: UNITS.phone.imei, note: "Bought it used" },
      });
      expect(transfer.statusCode).toBe(201);
      const stored = await t.database.db
        .selectFrom("transfer_request")
        .selectAll()
        .where("requester_id", "=", other.userId)
        .execute();
      expect(stored).toHaveLength(1);

      // The owner releases it; the other account registers it, and no points are earned twice.
      const removed = await t.app.inject({
        method: "DELETE",
        url: `/api/v1/registrations/${registration.id}`,
        headers: owner.headers,
      });
      expect(removed.statusCode).toBe(204);
      const second = await registerAs(other.headers, { identifier: UNITS.phone.imei });
      expect(second.statusCode).toBe(201);
      expect(second.json().pointsEarned).toBe(0);
      const reRemoved = await t.app.inject({
        method: "DELETE",
        url: `/api/v1/registrations/${second.json().id}`,
        headers: other.headers,
      });
      expect(reRemoved.statusCode).toBe(204);
      const back = await registerAs(owner.headers, { identifier: UNITS.phone.imei });
      expect(back.json().pointsEarned).toBe(0);
      const balance = (
        await t.app.inject({ method: "GET", url: "/api/v1/points", headers: { cookie: owner.cookie } })
      ).json().balance;
      expect(balance).toBe(200);
      await t.app.inject({
        method: "DELETE",
        url: `/api/v1/registrations/${back.json().id}`,
        headers: owner.headers,
      });
    });

    it.each([
      [
        "a wrong check digit",
        { identifier: `${UNITS.phone.imei.slice(0, 14)}${(Number(UNITS.phone.imei[14]) + 1) % 10}` },
        "identifier.check_digit",
      ],
      ["11 characters for a TV", { identifier: "RK3T3AC0050", productType: "tv" }, "identifier.length"],
      ["the box's product code", { identifier: PHONE_GTIN.slice(1) }, "identifier.box_code"],
      ["an SSD", { identifier: UNITS.ssd.serial }, "product.not_registrable"],
      [
        "an SSD chosen as the type",
        { identifier: UNITS.ssd.serial, productType: "ssd" },
        "product.not_registrable",
      ],
      ["an unknown serial", { identifier: "RK3T3AC9999" }, "identifier.not_found"],
      [
        "an unknown product type",
        { identifier: "RK3T3AC0050", productType: "spaceship" },
        "product_type.unknown",
      ],
      ["a 16-digit IMEISV", { identifier: "3520990017614801" }, "identifier.imeisv"],
      ["characters never on a label", { identifier: "RK3T3AC00€0" }, "identifier.charset"],
    ])("answers %s with its own code and registers nothing", async (_name, payload, code) => {
      const owner = await signedInUser(t);
      const res = await registerAs(owner.headers, payload);
      expect(res.statusCode).toBe(422);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json().code).toBe(code);
      expect(await registrationIdsOf(t, owner.userId)).toEqual([]);
    });

    it("says what a box code belongs to, and which lengths a TV serial has", async () => {
      const owner = await signedInUser(t);
      const box = await registerAs(owner.headers, { identifier: PHONE_GTIN });
      expect(box.json()).toMatchObject({
        code: "identifier.box_code",
        model: { code: "NX-P24-128" },
        categoryCode: "phone",
      });
      const length = await registerAs(owner.headers, { identifier: "RK3T3AC0050", productType: "tv" });
      expect(length.json().problems[0]).toMatchObject({ typedLength: 11, expectedLengths: [15] });
    });

    it("suggests the real unit for a serial typed with O for 0, and registers the suggestion", async () => {
      const owner = await signedInUser(t);
      const typo = await registerAs(owner.headers, { identifier: "rk3t3acoo5o" });
      expect(typo.statusCode).toBe(422);
      expect(typo.json().code).toBe("identifier.not_found");
      const suggestion = typo.json().suggestions[0];
      expect(suggestion.identifier).toBe(
        UNITS.phone2.serial.replace("51", "50") === UNITS.phone.serial
          ? UNITS.phone.serial
          : suggestion.identifier,
      );
      expect(suggestion.fixes).toEqual([
        { position: 8, typed: "O", suggested: "0" },
        { position: 9, typed: "O", suggested: "0" },
        { position: 11, typed: "O", suggested: "0" },
      ]);
      const accepted = await registerAs(owner.headers, { identifier: suggestion.identifier });
      expect(accepted.statusCode).toBe(201);
      expect(accepted.json().channel).toBe("web-serial");
      await t.app.inject({
        method: "DELETE",
        url: `/api/v1/registrations/${accepted.json().id}`,
        headers: owner.headers,
      });
    });

    it("interprets an identifier without registering it", async () => {
      const owner = await signedInUser(t);
      const check = await t.app.inject({
        method: "POST",
        url: "/api/v1/identifiers/check",
        headers: owner.headers,
        payload: { identifier: UNITS.tv.serial },
      });
      expect(check.json()).toMatchObject({
        kind: "serial",
        found: true,
        categoryCode: "tv",
        model: { code: "NX-H24-55" },
        problems: [],
      });
      expect(await registrationIdsOf(t, owner.userId)).toEqual([]);
    });

    it("refuses a purchase date in the future or before the product was made", async () => {
      const owner = await signedInUser(t);
      const future = await registerAs(owner.headers, {
        identifier: UNITS.fridge.serial,
        purchaseDate: "2999-01-01",
      });
      expect(future.json().code).toBe("registration.purchase_date_future");
      const early = await registerAs(owner.headers, {
        identifier: UNITS.fridge.serial,
        purchaseDate: "2001-01-01",
      });
      expect(early.json().code).toBe("registration.purchase_date_before_manufacture");
      const bad = await registerAs(owner.headers, {
        identifier: UNITS.fridge.serial,
        purchaseDate: "2024-02-30",
      });
      expect(bad.json().code).toBe("request.invalid");
    });

    it("keeps other owners out of a registration: 403 to read, change or remove it", async () => {
      const owner = await signedInUser(t);
      const created = await registerAs(owner.headers, {
        identifier: UNITS.fridge.serial,
        purchaseDate: "2025-01-15",
      });
      expect(created.statusCode).toBe(201);
      const id = created.json().id;
      const stranger = await signedInUser(t);
      for (const [method, payload] of [
        ["GET", undefined],
        ["PATCH", { nickname: "mine" }],
        ["DELETE", undefined],
      ] as const) {
        const res = await t.app.inject({
          method,
          url: `/api/v1/registrations/${id}`,
          headers: stranger.headers,
          ...(payload ? { payload } : {}),
        });
        expect(res.statusCode, method).toBe(403);
      }
      const page = await t.app.inject({
        method: "GET",
        url: `/api/v1/registrations/${id}`,
        headers: { cookie: owner.cookie },
      });
      expect(page.json()).toMatchObject({ purchaseDate: "2025-01-15", model: { code: "NX-RF24-195" } });
      expect(page.json().warranty.statutory).toMatchObject({
        start: "2025-01-15",
        end: "2030-01-15",
        years: 5,
        basis: "stated",
      });
      expect(page.json().documents.length).toBeGreaterThan(0);
      const renamed = await t.app.inject({
        method: "PATCH",
        url: `/api/v1/registrations/${id}`,
        headers: owner.headers,
        payload: { nickname: "Kitchen" },
      });
      expect(renamed.json().nickname).toBe("Kitchen");
      const agent = await signedInUser(t, "agent");
      expect(
        (
          await t.app.inject({
            method: "GET",
            url: `/api/v1/registrations/${id}`,
            headers: { cookie: agent.cookie },
          })
        ).statusCode,
      ).toBe(200);
      expect(
        (
          await t.app.inject({
            method: "GET",
            url: "/api/v1/registrations/not-a-uuid",
            headers: { cookie: owner.cookie },
          })
        ).statusCode,
      ).toBe(400);
    });

    it("lets exactly one of two simultaneous registrations of one unit win", async () => {
      const a = await signedInUser(t);
      const b = await signedInUser(t);
      const results = await Promise.all([
        registerAs(a.headers, { identifier: UNITS.phone3.serial }),
        registerAs(b.headers, { identifier: UNITS.phone3.serial }),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      expect(results.find((r) => r.statusCode === 409)?.json().code).toBe("registration.taken");
      const active = await t.database.db
        .selectFrom("registration")
        .select("id")
        .where("unit_serial", "=", UNITS.phone3.serial)
        .where("removed_at", "is", null)
        .execute();
      expect(active).toHaveLength(1);
    });

    it("asks a bearer client (the app) for the owner's consent once, then records the app channel", async () => {
      const owner = await signedInUser(t);
      const first = await t.app.inject({
        method: "POST",
        url: "/api/v1/registrations",
        headers: { authorization: `Bearer ${owner.token}` },
        payload: { identifier: UNITS.tv.serial },
      });
      expect(first.json().code).toBe("app.consent_required");
      await t.app.inject({
        method: "POST",
        url: "/api/v1/app/consent",
        headers: { authorization: `Bearer ${owner.token}` },
        payload: { textVersion: first.json().textVersion },
      });
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/registrations",
        headers: { authorization: `Bearer ${owner.token}` },
        payload: { identifier: UNITS.tv.serial },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().channel).toBe("app-serial");
    });
  });

  describe(`registration look-ups are rate limited on ${dialect}`, () => {
    it("answers 429 with a code once an account has used its look-ups for the minute", async () => {
      const t = await startTestApp(dialect, {
        LOOKUPS_PER_MINUTE_ACCOUNT: "5",
        LOOKUPS_PER_MINUTE_IP: "100",
      });
      try {
        const owner = await signedInUser(t);
        const statuses: number[] = [];
        for (let i = 0; i < 7; i++) {
          const res = await t.app.inject({
            method: "POST",
            url: "/api/v1/identifiers/check",
            headers: owner.headers,
            payload: { identifier: `RK3T3AC00${i}0` },
          });
          statuses.push(res.statusCode);
        }
        expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
        expect(statuses.slice(5)).toEqual([429, 429]);
        const limited = await t.app.inject({
          method: "POST",
          url: "/api/v1/registrations",
          headers: owner.headers,
          payload: { identifier: "x" },
        });
        expect(limited.json().code).toBe("request.rate_limited");
      } finally {
        await t.close();
      }
    });
  });
}
