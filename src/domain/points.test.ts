import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expired, type LedgerEntry, lotDates, lotsOf, profileComplete, spend, standing } from "./points.ts";

const at = (iso: string) => new Date(iso);
const earning = (id: string, points: number, activeFrom: string, expiresAt: string | null): LedgerEntry => ({
  id,
  points,
  lotId: null,
  activeFrom,
  expiresAt,
});
const drawing = (id: string, lotId: string, points: number): LedgerEntry => ({
  id,
  points: -points,
  lotId,
  activeFrom: null,
  expiresAt: null,
});

describe("points as lots", () => {
  const ledger = [
    earning("late", 100, "2026-03-01T00:00:00Z", "2028-03-01T00:00:00Z"),
    earning("early", 100, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"),
    earning("pending", 200, "2026-12-20T00:00:00Z", "2028-12-20T00:00:00Z"),
  ];
  const now = at("2026-12-01T00:00:00Z");

  it("counts active points and keeps pending ones apart", () => {
    expect(standing(lotsOf(ledger), now)).toEqual({
      balance: 200,
      pending: 200,
      nextExpiry: { points: 100, at: at("2027-01-01T00:00:00Z") },
    });
  });

  it("spends the points that expire first, and never pending ones", () => {
    expect(spend(lotsOf(ledger), now, 150)).toEqual([
      { lotId: "early", points: 100 },
      { lotId: "late", points: 50 },
    ]);
    expect(spend(lotsOf(ledger), now, 201)).toBeNull();
  });

  it("leaves out an expired lot, and writes down what was left of it", () => {
    const lots = lotsOf([...ledger, drawing("r1", "early", 30)]);
    const later = at("2027-02-01T00:00:00Z");
    expect(standing(lots, later).balance).toBe(300);
    expect(expired(lots, later)).toEqual([{ lotId: "early", points: 70 }]);
  });

  it("never shows a negative balance, whatever is spent in whatever order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 500 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: 1, max: 700 }), { maxLength: 10 }),
        (earned, costs) => {
          let entries: LedgerEntry[] = earned.map((p, i) =>
            earning(`l${i}`, p, `2026-0${1 + (i % 9)}-01T00:00:00Z`, i % 2 ? null : "2027-06-01T00:00:00Z"),
          );
          for (const [k, cost] of costs.entries()) {
            const draws = spend(lotsOf(entries), now, cost);
            if (draws)
              entries = [...entries, ...draws.map((d, j) => drawing(`d${k}-${j}`, d.lotId, d.points))];
          }
          const lots = lotsOf(entries);
          const s = standing(lots, now);
          expect(s.balance).toBeGreaterThanOrEqual(0);
          expect(lots.every((l) => l.left >= 0 && l.left <= l.earned)).toBe(true);
          const spent = entries.filter((e) => e.lotId !== null).reduce((sum, e) => sum - e.points, 0);
          expect(s.balance + spent).toBe(earned.reduce((a, b) => a + b, 0));
        },
      ),
    );
  });

  it("ends the validity on the same day of the month, or the month's last", () => {
    expect(lotDates(at("2026-01-31T10:00:00Z"), 0, 1).expiresAt).toEqual(at("2026-02-28T10:00:00Z"));
    expect(lotDates(at("2026-12-01T10:00:00Z"), 14, 24)).toEqual({
      activeFrom: at("2026-12-15T10:00:00Z"),
      expiresAt: at("2028-12-15T10:00:00Z"),
    });
    expect(lotDates(at("2026-12-01T10:00:00Z"), 0, 0).expiresAt).toBeNull();
  });

  it("calls My information complete only with name, phone, address, postcode and city", () => {
    const full = {
      name: "Kari",
      phone: "+4791234567",
      addressLine: "Storgata 1",
      postalCode: "0155",
      city: "Oslo",
    };
    expect(profileComplete(full)).toBe(true);
    expect(profileComplete({ ...full, city: " " })).toBe(false);
    expect(profileComplete({ ...full, phone: null })).toBe(false);
  });
});
