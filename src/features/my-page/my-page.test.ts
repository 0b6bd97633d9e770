import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshOwner, registeredProduct } from "../../../test/factories.ts";
import { seedCatalogue } from "../../../test/fixtures.ts";
import { dialects, startTestApp, type TestApp } from "../../../test/harness.ts";

for (const dialect of dialects()) {
  describe(`My Page's summary on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect, { LOOKUPS_PER_MINUTE_ACCOUNT: "1000", LOOKUPS_PER_MINUTE_IP: "1000" });
      await seedCatalogue(t.database);
    });
    afterAll(() => t.close());

    const summary = (cookie?: string) =>
      t.app.inject({ method: "GET", url: "/api/v1/my-page", ...(cookie ? { headers: { cookie } } : {}) });

    it("answers 401 with the code without a session", async () => {
      const res = await summary();
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe("auth.required");
    });

    it("shows a new owner no products, no points and no repairs", async () => {
      const owner = await freshOwner(t);
      expect((await summary(owner.cookie)).json()).toMatchObject({
        productCount: 0,
        points: { balance: 0, pending: 0, nextExpiry: null, movements: [] },
        repairs: [],
        alerts: [],
        products: [],
        recommendations: { on: false, items: [] },
      });
    });

    it("counts the owner's products and points, and no one else's, and not a removed one", async () => {
      const first = await registeredProduct(t, { kind: "phone" });
      await registeredProduct(t, { kind: "tv", owner: first.owner });
      await registeredProduct(t);
      const before = (await summary(first.owner.cookie)).json();
      expect(before.productCount).toBe(2);
      expect(before.points.movements).toHaveLength(2);
      // A registration's points are pending at first (src/features/rewards/).
      expect(before.points.pending).toBe(
        before.points.movements.reduce((sum: number, m: { points: number }) => sum + m.points, 0),
      );
      const removed = await t.app.inject({
        method: "DELETE",
        url: `/api/v1/registrations/${first.registrationId}`,
        headers: first.owner.headers,
      });
      expect(removed.statusCode).toBe(204);
      expect((await summary(first.owner.cookie)).json().productCount).toBe(1);
    });
  });
}
