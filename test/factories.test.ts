import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeSerial } from "../src/domain/serial-scheme.ts";
import { nextUnit, registeredProduct } from "./factories.ts";
import { seedCatalogue } from "./fixtures.ts";
import { dialects, startTestApp, type TestApp } from "./harness.ts";

describe("fresh units", () => {
  it("have serials of our scheme for their model, made in March 2024, each one new", () => {
    const units = (["phone", "tv", "fridge"] as const).flatMap((kind) =>
      Array.from({ length: 40 }, () => nextUnit(kind)),
    );
    for (const unit of units) {
      expect(decodeSerial(unit.serial, { modelYear: 2024 })?.manufacturedOn).toBe("2024-03-01");
    }
    expect(units.filter((u) => u.kind === "phone").every((u) => u.serial.length === 11)).toBe(true);
    expect(units.filter((u) => u.kind !== "phone").every((u) => u.serial.length === 15)).toBe(true);
    expect(new Set(units.map((u) => u.serial)).size).toBe(units.length);
  });
});

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
