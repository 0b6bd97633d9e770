import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registeredProduct } from "./factories.ts";
import { seedCatalogue } from "./fixtures.ts";
import { dialects, startTestApp, type TestApp } from "./harness.ts";

for (const dialect of dialects()) {
  describe(`factories (${dialect})`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect);
      await seedCatalogue(t.database);
    });
    afterAll(() => t.close());

    it("registers a fresh unit of every kind for a fresh owner", async () => {
      for (const kind of ["phone", "tv", "fridge"] as const) {
        const product = await registeredProduct(t, { kind });
        const res = await t.app.inject({
          method: "GET",
          url: `/api/v1/registrations/${product.registrationId}`,
          headers: product.owner.headers,
        });
        expect(res.statusCode).toBe(200);
        expect(res.json().identifier.serial).toBe(product.unit.serial);
      }
    });
  });
}
