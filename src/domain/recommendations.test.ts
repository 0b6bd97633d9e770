import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Candidate, coOwnershipDelta, netCoOwnership, pickRecommendations } from "./recommendations.ts";

describe("picking recommendations", () => {
  it("never picks an owned model, and each model once, for the first product that leads to it", () => {
    const candidates: Candidate[] = [
      { code: "CHARGER", forModel: "PHONE", reason: "accessory" },
      { code: "TV", forModel: "PHONE", reason: "also-owned" },
      { code: "CHARGER", forModel: "TABLET", reason: "accessory" },
    ];
    expect(
      pickRecommendations(candidates, new Set(["PHONE", "TABLET", "TV"]), ["PHONE", "TABLET"], 4),
    ).toEqual([{ code: "CHARGER", forModel: "PHONE", reason: "accessory" }]);
  });

  it("takes from each product in turn, consumables and accessories before successors", () => {
    const candidates: Candidate[] = [
      { code: "P25", forModel: "P24", reason: "successor" },
      { code: "CASE", forModel: "P24", reason: "accessory" },
      { code: "FILTER", forModel: "FRIDGE", reason: "consumable" },
      { code: "CABLE", forModel: "P24", reason: "accessory" },
    ];
    expect(
      pickRecommendations(candidates, new Set(["P24", "FRIDGE"]), ["P24", "FRIDGE"], 3).map((c) => c.code),
    ).toEqual(["CASE", "FILTER", "CABLE"]);
  });

  it("stops at the limit", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            code: fc.constantFrom("A", "B", "C", "D", "E"),
            forModel: fc.constantFrom("X", "Y"),
            reason: fc.constantFrom("accessory", "consumable", "successor", "also-owned"),
          }),
        ),
        fc.nat(6),
        (candidates, limit) => {
          const picked = pickRecommendations(candidates as Candidate[], new Set(["A"]), ["X", "Y"], limit);
          expect(picked.length).toBeLessThanOrEqual(limit);
          expect(picked.some((p) => p.code === "A")).toBe(false);
          expect(new Set(picked.map((p) => p.code)).size).toBe(picked.length);
        },
      ),
    );
  });
});

describe("the co-ownership delta", () => {
  it("counts each pair of a model gained with the models kept, both ways", () => {
    expect(coOwnershipDelta(["A", "B"], ["A", "B", "C"])).toEqual({
      add: [
        ["A", "C"],
        ["B", "C"],
        ["C", "A"],
        ["C", "B"],
      ],
      remove: [],
    });
  });

  it("takes away the pairs of a model no longer owned, and nothing for a second unit of a model", () => {
    expect(coOwnershipDelta(["A", "B"], ["A"])).toEqual({
      add: [],
      remove: [
        ["A", "B"],
        ["B", "A"],
      ],
    });
    expect(coOwnershipDelta(["A", "B"], ["A", "B", "B"])).toEqual({ add: [], remove: [] });
  });

  it("undoes itself: a change and its reverse cancel out", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("A", "B", "C", "D")),
        fc.array(fc.constantFrom("A", "B", "C", "D")),
        (x, y) => {
          const there = coOwnershipDelta(x, y);
          const back = coOwnershipDelta(y, x);
          expect(back.add).toEqual(there.remove);
          expect(back.remove).toEqual(there.add);
        },
      ),
    );
  });

  it("sums several owners' changes into one net change per pair, in one order", () => {
    // A transfer: the seller loses B beside A, the buyer gains it.
    expect(
      netCoOwnership([
        { before: ["A", "B"], after: ["A"] },
        { before: ["A"], after: ["A", "B"] },
      ]),
    ).toEqual([]);
    expect(
      netCoOwnership([
        { before: ["C"], after: ["C", "A"] },
        { before: ["B"], after: ["B", "A"] },
        { before: ["C", "B"], after: ["C"] },
      ]),
    ).toEqual([
      ["A", "B", 1],
      ["A", "C", 1],
      ["B", "A", 1],
      ["B", "C", -1],
      ["C", "A", 1],
      ["C", "B", -1],
    ]);
  });

  it("orders the pairs the same whatever order the owners come in", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            before: fc.array(fc.constantFrom("A", "B", "C", "D")),
            after: fc.array(fc.constantFrom("A", "B", "C", "D")),
          }),
        ),
        (changes) => {
          const forward = netCoOwnership(changes);
          expect(netCoOwnership([...changes].reverse())).toEqual(forward);
          const keys = forward.map(([a, b]) => `${a} ${b}`);
          expect(keys).toEqual([...keys].sort());
        },
      ),
    );
  });
});
