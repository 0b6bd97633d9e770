import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../../test/clock.ts";
import { freshOwner, freshUnit, registeredProduct } from "../../../test/factories.ts";
import { seedCatalogue } from "../../../test/fixtures.ts";
import { dialects, startTestApp, type TestApp } from "../../../test/harness.ts";

for (const dialect of dialects()) {
  describe(`asking for a transfer on ${dialect}`, () => {
    let t: TestApp;
    const clock = manualClock("2026-12-01T10:00:00Z");
    beforeAll(async () => {
      t = await startTestApp(
        dialect,
        { LOOKUPS_PER_MINUTE_ACCOUNT: "1000", LOOKUPS_PER_MINUTE_IP: "1000" },
        undefined,
        clock,
      );
      await seedCatalogue(t.database);
    });
    afterAll(() => t.close());

    const ask = (headers: Record<string, string> | undefined, payload: object) =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/transfer-requests",
        ...(headers ? { headers } : {}),
        payload,
      });

    /** The open transfer requests of one requester for one unit, as stored. */
    const requestsOf = (requesterId: string, serial: string) =>
      t.database.db
        .selectFrom("transfer_request")
        .select(["id", "status", "note"])
        .where("requester_id", "=", requesterId)
        .where("unit_serial", "=", serial)
        .execute();

    it("answers 401 without a session, and 400 with the code for a body that is not a request", async () => {
      expect((await ask(undefined, { identifier: "x" })).statusCode).toBe(401);
      const owner = await freshOwner(t);
      const res = await ask(owner.headers, { identifier: 42 });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe("request.invalid");
    });

    it("answers 403 with the code to staff", async () => {
      const { unit } = await registeredProduct(t);
      const agent = await freshOwner(t, "agent");
      const res = await ask(agent.headers, { identifier: unit.serial });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe("auth.forbidden");
    });

    it("says a product nobody holds needs no transfer, and the owner's own product neither", async () => {
      const owner = await freshOwner(t);
      const loose = await freshUnit(t, "tv");
      const notNeeded = await ask(owner.headers, { identifier: loose.serial });
      expect(notNeeded.statusCode).toBe(409);
      expect(notNeeded.json().code).toBe("transfer.not_needed");

      const mine = await registeredProduct(t, { owner });
      const own = await ask(owner.headers, { identifier: mine.unit.serial });
      expect(own.statusCode).toBe(409);
      expect(own.json()).toMatchObject({
        code: "registration.already_yours",
        registrationId: mine.registrationId,
      });
      expect(await requestsOf(owner.userId, loose.serial)).toEqual([]);
    });

    it("records one open request per owner and unit, at the clock's time, and never names the holder", async () => {
      const { owner: holder, unit } = await registeredProduct(t);
      const buyer = await freshOwner(t);
      const res = await ask(buyer.headers, { identifier: unit.imei as string, note: "Bought it used" });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toEqual({
        id: expect.any(String),
        status: "open",
        createdAt: clock.now().toISOString(),
      });
      expect(res.body).not.toContain(holder.email);
      expect(res.body).not.toContain(holder.userId);

      const again = await ask(buyer.headers, { identifier: unit.serial });
      expect(again.statusCode).toBe(201);
      expect(again.json().id).toBe(res.json().id);
      expect(await requestsOf(buyer.userId, unit.serial)).toEqual([
        { id: res.json().id, status: "open", note: "Bought it used" },
      ]);
    });
  });
}
