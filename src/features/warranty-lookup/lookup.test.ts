import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../../test/clock.ts";
import { freshUnit, nextUnit, registeredProduct } from "../../../test/factories.ts";
import { seedCatalogue } from "../../../test/fixtures.ts";
import { dialects, startTestApp, type TestApp } from "../../../test/harness.ts";
import {
  asPartner,
  requestedRepair,
  seedServiceNetwork,
  statusEvent,
} from "../../../test/repair-requests.ts";

const SERVICE_KEY = "operator-secret-0123456789abc";
/** Noon in Oslo on 2025-06-01: "today" for the portal, whatever day the tests run. */
const NOW = "2025-06-01T10:00:00Z";

for (const dialect of dialects()) {
  describe(`the partners' warranty look-up on ${dialect}`, () => {
    const clock = manualClock(NOW);
    let t: TestApp;
    let partnerKey: string;
    beforeAll(async () => {
      t = await startTestApp(dialect, { SERVICE_API_KEYS: `operator:${SERVICE_KEY}` }, undefined, clock);
      await seedCatalogue(t.database);
      partnerKey = (await seedServiceNetwork(t))["ostlandet-service"] ?? "";
    });
    afterAll(() => t.close());

    const asOperator = (
      method: "GET" | "POST" | "DELETE",
      url: string,
      payload?: object,
      key = SERVICE_KEY,
    ) =>
      t.app.inject({
        method,
        url: `/api/v1/service/lookup-clients${url}`,
        headers: key ? { "x-service-key": key } : {},
        ...(payload ? { payload } : {}),
      });
    /** A new look-up client made through the operator's route, with its key. */
    const newClient = async (perMinute?: number) => {
      const res = await asOperator("POST", "", {
        name: "Elkjøp Storgata",
        ...(perMinute ? { perMinute } : {}),
      });
      expect(res.statusCode).toBe(201);
      return res.json() as { id: string; name: string; perMinute: number; key: string };
    };
    const lookUp = (key: string | null, payload: unknown) =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/partner/warranty-lookup",
        headers: key ? { "x-partner-key": key } : {},
        payload: payload as object,
      });

    it("answers 401 partner.key_required without a key, before reading the body", async () => {
      const res = await lookUp(null, { not: "valid" });
      expect([res.statusCode, res.json().code]).toEqual([401, "partner.key_required"]);
      expect(res.headers["x-tracking-id"]).toBeTruthy();
    });

    it("answers 401 partner.key_invalid for a key nobody was given, and for a revoked one", async () => {
      const wrong = await lookUp("wl_not-a-key-of-ours-0123456789abc", { identifiers: ["X"] });
      expect([wrong.statusCode, wrong.json().code]).toEqual([401, "partner.key_invalid"]);
      expect(wrong.headers["x-tracking-id"]).toBeTruthy();

      const client = await newClient();
      expect(client.key).toMatch(/^wl_[A-Za-z0-9_-]{32}$/);
      expect((await lookUp(client.key, { identifiers: ["X"] })).statusCode).toBe(200);
      expect((await asOperator("DELETE", `/${client.id}`)).statusCode).toBe(204);
      const revoked = await lookUp(client.key, { identifiers: ["X"] });
      expect([revoked.statusCode, revoked.json().code]).toEqual([401, "partner.key_invalid"]);
      // Revoking again changes nothing; an id that names no client is 404.
      expect((await asOperator("DELETE", `/${client.id}`)).statusCode).toBe(204);
      const unknown = await asOperator("DELETE", "/00000000-0000-4000-8000-000000000000");
      expect([unknown.statusCode, unknown.json().code]).toEqual([404, "lookup_client.not_found"]);
      const listed = (await asOperator("GET", "")).json().clients as { id: string; revokedAt: string }[];
      expect(listed.find((c) => c.id === client.id)?.revokedAt).toBe(new Date(NOW).toISOString());
    });

    it("answers 400 request.invalid for 101 identifiers, for none and for one too long", async () => {
      const { key } = await newClient();
      const many = Array.from({ length: 101 }, (_, i) => `RK3T3AC${String(i).padStart(4, "0")}`);
      for (const identifiers of [many, [], ["A".repeat(61)]]) {
        const res = await lookUp(key, { identifiers });
        expect([res.statusCode, res.json().code]).toEqual([400, "request.invalid"]);
        expect(res.headers["x-tracking-id"]).toBeTruthy();
      }
      expect((await lookUp(key, { identifiers: many.slice(0, 100) })).statusCode).toBe(200);
    });

    it("answers each identifier in the order sent: known, unknown, by IMEI and malformed", async () => {
      clock.set(NOW);
      const { key } = await newClient();
      const phone = await freshUnit(t, "phone");
      const tv = await freshUnit(t, "tv");
      const unknown = nextUnit("tv").serial;
      const imei = phone.imei as string;
      const spacedImei = `${imei.slice(0, 8)} ${imei.slice(8)}`;
      const sent = [
        tv.serial.toLowerCase(),
        unknown,
        spacedImei,
        "!!!",
        `${phone.serial.slice(0, 5)}-${phone.serial.slice(5)}`,
        "",
        tv.serial,
      ];
      const res = await lookUp(key, { identifiers: sent });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.trackingId).toBe(res.headers["x-tracking-id"]);
      expect(body.units.map((u: { identifier: string; found: boolean; serial?: string }) => u)).toMatchObject(
        [
          { identifier: sent[0], found: true, serial: tv.serial },
          { identifier: unknown, found: false },
          { identifier: spacedImei, found: true, serial: phone.serial },
          { identifier: "!!!", found: false },
          { identifier: sent[4], found: true, serial: phone.serial },
          { identifier: "", found: false },
          { identifier: tv.serial, found: true, serial: tv.serial },
        ],
      );
      expect(body.units[1]).toEqual({ identifier: unknown, found: false });
      const [first] = body.units;
      expect(first).toMatchObject({
        model: { code: "NX-H24-55", categoryCode: "tv" },
        registered: false,
        start: { basis: "estimated", source: "manufacture-date" },
        statutoryYears: 5,
        statutory: { years: 5, basis: "estimated" },
      });
      expect(first.model.names.nb).toBeTruthy();
      expect(first.coverages[0]).toMatchObject({ kind: "manufacturer", basis: "estimated", reference: null });
      expect(Object.keys(first.coverages[0]).sort()).toEqual(
        ["basis", "covers", "end", "kind", "name", "reference", "start", "status"].sort(),
      );
    });

    it("counts a registered unit from the purchase date its owner stated, and tells nothing of the owner", async () => {
      clock.set(NOW);
      const { key } = await newClient();
      const { owner, unit, registrationId } = await registeredProduct(t, {
        kind: "fridge",
        purchaseDate: "2025-01-10",
      });
      const named = await t.app.inject({
        method: "PATCH",
        url: "/api/v1/me",
        headers: owner.headers,
        payload: { name: "Ingrid Fjellheim" },
      });
      expect(named.statusCode).toBe(200);
      const changed = await t.app.inject({
        method: "PATCH",
        url: `/api/v1/registrations/${registrationId}`,
        headers: owner.headers,
        payload: { nickname: "Hyttekjøleskapet", purchasePlace: "Lefdal Lillestrøm" },
      });
      expect(changed.statusCode).toBe(200);

      const res = await lookUp(key, { identifiers: [unit.serial] });
      expect(res.statusCode).toBe(200);
      expect(res.json().units[0]).toMatchObject({
        found: true,
        registered: true,
        start: { date: "2025-01-10", basis: "stated", source: "purchase-date" },
        statutory: { start: "2025-01-10", end: "2030-01-10", basis: "stated" },
      });
      for (const personal of [
        owner.email,
        owner.userId,
        "Ingrid",
        "Fjellheim",
        "Hyttekjøleskapet",
        "Lefdal",
        registrationId,
      ])
        expect(res.body).not.toContain(personal);
    });

    it("shows a repair's warranty without the repair's number", async () => {
      clock.set(NOW);
      const { key } = await newClient();
      const { unit, repair } = await requestedRepair(t, "tv");
      await asPartner(t, partnerKey, "POST", `/jobs/${repair.requestNumber}/accept`, {});
      for (const status of ["received", "diagnosing", "repairing", "repaired"]) {
        clock.advance(60_000);
        const done = await asPartner(
          t,
          partnerKey,
          "POST",
          `/jobs/${repair.requestNumber}/events`,
          statusEvent(status, {}, clock.now()),
        );
        expect(done.statusCode).toBe(200);
      }
      const res = await lookUp(key, { identifiers: [unit.serial] });
      const coverages = res.json().units[0].coverages as { kind: string; reference: string | null }[];
      expect(coverages.find((c) => c.kind === "repair")).toMatchObject({
        reference: null,
        start: "2025-06-01",
        status: "active",
      });
      expect(res.body).not.toContain(repair.requestNumber);
      expect(res.body).not.toContain(repair.id);
    });

    it("lets a service partner look up with its partner key, and tracks the call by the partner's own id", async () => {
      const unit = await freshUnit(t, "tv");
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/partner/warranty-lookup",
        headers: { "x-partner-key": partnerKey, "x-request-id": "retailer-call.42" },
        payload: { identifiers: [unit.serial] },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().units[0]).toMatchObject({ found: true, serial: unit.serial });
      expect(res.json().trackingId).toBe("retailer-call.42");
      expect(res.headers["x-tracking-id"]).toBe("retailer-call.42");
    });

    it("limits each key to its look-ups a minute with 429 and Retry-After, that key only", async () => {
      clock.set(NOW);
      const limited = await newClient(2);
      const other = await newClient(2);
      const call = (key: string) => lookUp(key, { identifiers: ["RK3T3AC0050"] });
      expect((await call(limited.key)).statusCode).toBe(200);
      expect((await call(limited.key)).statusCode).toBe(200);
      // Over the limit the body is not read: an invalid one is refused for the limit, not the body.
      const over = await lookUp(limited.key, { not: "valid" });
      expect([over.statusCode, over.json().code]).toEqual([429, "request.rate_limited"]);
      expect(Number(over.headers["retry-after"])).toBeGreaterThan(0);
      expect(over.headers["x-tracking-id"]).toBeTruthy();
      expect((await call(other.key)).statusCode).toBe(200);
      clock.advance(60_000);
      expect((await call(limited.key)).statusCode).toBe(200);
    });

    it("manages look-up clients with the service key only, and never lists a key", async () => {
      const none = await asOperator("POST", "", { name: "Power" }, "");
      expect([none.statusCode, none.json().code]).toEqual([401, "service.key_required"]);
      const wrong = await asOperator("GET", "", undefined, "not-the-operator-key-0123");
      expect([wrong.statusCode, wrong.json().code]).toEqual([401, "service.key_invalid"]);
      const partner = await t.app.inject({
        method: "GET",
        url: "/api/v1/service/lookup-clients",
        headers: { "x-partner-key": partnerKey },
      });
      expect(partner.statusCode).toBe(401);
      const empty = await asOperator("POST", "", { name: " " });
      expect([empty.statusCode, empty.json().code]).toEqual([400, "request.invalid"]);

      const client = await newClient(120);
      expect(client).toMatchObject({ name: "Elkjøp Storgata", perMinute: 120 });
      const list = await asOperator("GET", "");
      expect(list.statusCode).toBe(200);
      expect(list.json().clients).toContainEqual({
        id: client.id,
        name: "Elkjøp Storgata",
        perMinute: 120,
        createdAt: expect.any(String),
        revokedAt: null,
      });
      expect(list.body).not.toContain(client.key);
      const stored = await t.database.db
        .selectFrom("lookup_client")
        .select("key_hash")
        .where("id", "=", client.id)
        .executeTakeFirstOrThrow();
      expect(stored.key_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(stored.key_hash).not.toContain(client.key);
    });
  });
}
