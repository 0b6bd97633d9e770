import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { confirmationThatCounts, type PurchaseConfirmation } from "./purchase-confirmation.ts";

const source = fc.constantFrom("shop-order" as const, "claim" as const, "activation" as const);
const date = fc
  .date({ min: new Date("2015-01-01T00:00:00Z"), max: new Date("2035-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const confirmation: fc.Arbitrary<PurchaseConfirmation> = fc.record({ source, date });

describe("the purchase confirmation that counts", () => {
  it("is none when the unit has no confirmation", () => {
    expect(confirmationThatCounts([])).toBeNull();
  });

  it("prefers a web-shop delivery to a reviewed receipt, and a receipt to an activation, whatever their dates", () => {
    const activation = { source: "activation", date: "2024-01-01" } as const;
    const claim = { source: "claim", date: "2024-06-01" } as const;
    const shop = { source: "shop-order", date: "2025-01-01" } as const;
    expect(confirmationThatCounts([activation, claim, shop])).toBe(shop);
    expect(confirmationThatCounts([activation, claim])).toBe(claim);
    expect(confirmationThatCounts([activation])).toBe(activation);
  });

  it("takes the earliest date of the firmest source", () => {
    expect(
      confirmationThatCounts([
        { source: "shop-order", date: "2025-03-14" },
        { source: "shop-order", date: "2025-03-12" },
        { source: "activation", date: "2025-03-01" },
      ]),
    ).toEqual({ source: "shop-order", date: "2025-03-12" });
  });

  it("is one of the confirmations given, none firmer, none of its source earlier, whatever their order", () => {
    fc.assert(
      fc.property(fc.array(confirmation, { minLength: 1, maxLength: 12 }), (all) => {
        const chosen = confirmationThatCounts(all);
        expect(all).toContain(chosen);
        const rank = (c: PurchaseConfirmation) => ["shop-order", "claim", "activation"].indexOf(c.source);
        for (const c of all) {
          expect(rank(c)).toBeGreaterThanOrEqual(rank(chosen as PurchaseConfirmation));
          if (c.source === chosen?.source) expect(c.date >= chosen.date).toBe(true);
        }
        expect(confirmationThatCounts([...all].reverse())).toEqual(chosen);
      }),
    );
  });
});
