import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../../test/clock.ts";
import { freshOwner, registeredProduct } from "../../../test/factories.ts";
import { seedCatalogue } from "../../../test/fixtures.ts";
import { dialects, startTestApp, type TestApp } from "../../../test/harness.ts";

for (const dialect of dialects()) {
  describe(`the points on My Page on ${dialect}`, () => {
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

    const points = (cookie?: string) =>
      t.app.inject({ method: "GET", url: "/api/v1/points", ...(cookie ? { headers: { cookie } } : {}) });

    it("answers 401 with the code without a session", async () => {
      const res = await points();
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe("auth.required");
    });

    it("shows a new owner no points and no movements", async () => {
      const owner = await freshOwner(t);
      expect((await points(owner.cookie)).json()).toEqual({ balance: 0, movements: [] });
    });

    it("shows each first registration's points, newest first, with the product's names and the time", async () => {
      const phone = await registeredProduct(t, { kind: "phone" });
      const phoneAt = clock.now().toISOString();
      clock.advance(60_000);
      await registeredProduct(t, { kind: "tv", owner: phone.owner });
      const res = await points(phone.owner.cookie);
      expect(res.statusCode).toBe(200);
      const { balance, movements } = res.json();
      expect(movements).toHaveLength(2);
      expect(balance).toBe(movements[0].points + movements[1].points);
      expect(movements[1]).toMatchObject({
        kind: "first-registration",
        points: 200,
        productNames: { nb: expect.any(String), en: expect.any(String) },
        createdAt: phoneAt,
      });
      expect(movements[0].createdAt).toBe(clock.now().toISOString());
    });

    it("shows nobody the points of another owner", async () => {
      await registeredProduct(t);
      const other = await freshOwner(t);
      expect((await points(other.cookie)).json().balance).toBe(0);
    });
  });
}
