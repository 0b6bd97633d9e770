import { describe, expect, it } from "vitest";
import { type AlertFacts, ownerAlerts } from "./alerts.ts";
import { calendarDate } from "./calendar-date.ts";

const washer = { nb: "Vaskemaskinen", en: "The washer" };
const none: AlertFacts = {
  products: [],
  claimsWaiting: [],
  repairs: [],
  unregisteredCount: 0,
  transfersAsked: [],
};
const today = calendarDate("2026-01-01");

describe("an owner's alerts", () => {
  it("are none for an owner with nothing that needs them", () => {
    expect(ownerAlerts(none, today, [60, 7])).toEqual([]);
  });

  it("name a warranty or complaint period that ends within the largest threshold, the soonest first", () => {
    const alerts = ownerAlerts(
      {
        ...none,
        products: [
          {
            registrationId: "r1",
            name: washer,
            periods: [
              { key: "manufacturer", kind: "manufacturer", end: calendarDate("2026-01-30") },
              { key: "statutory", kind: "statutory", end: calendarDate("2026-01-10") },
            ],
          },
        ],
      },
      today,
      [60, 7],
    );
    expect(
      alerts.map((a) => (a.kind === "period-ending" ? [a.period, a.daysLeft, a.action] : a.kind)),
    ).toEqual([
      ["statutory", 9, "/products/r1"],
      ["manufacturer", 29, "/products/r1"],
    ]);
  });

  it("leave out a period that ended, and one that ends after the largest threshold", () => {
    const periods = [
      { key: "manufacturer", kind: "manufacturer" as const, end: calendarDate("2025-12-31") },
      { key: "statutory", kind: "statutory" as const, end: calendarDate("2026-03-03") },
    ];
    expect(
      ownerAlerts({ ...none, products: [{ registrationId: "r1", name: washer, periods }] }, today, [60, 7]),
    ).toEqual([]);
    // The last day itself still counts: nothing is left after it.
    const lastDay = [{ key: "statutory", kind: "statutory" as const, end: today }];
    expect(
      ownerAlerts(
        { ...none, products: [{ registrationId: "r1", name: washer, periods: lastDay }] },
        today,
        [60],
      ),
    ).toMatchObject([{ kind: "period-ending", daysLeft: 0 }]);
  });

  it("put what waits for the owner's answer first, each with where they act, and the devices found last", () => {
    const alerts = ownerAlerts(
      {
        products: [
          {
            registrationId: "r1",
            name: washer,
            periods: [{ key: "statutory", kind: "statutory", end: calendarDate("2026-01-02") }],
          },
        ],
        claimsWaiting: [{ claimId: "c1", registrationId: "r1" }],
        repairs: [
          { repairId: "p1", registrationId: "r1", ownerTask: "answer-quote" },
          { repairId: "p2", registrationId: "r1", ownerTask: null },
        ],
        unregisteredCount: 2,
        transfersAsked: [{ transferId: "t1", productNames: washer }],
      },
      today,
      [60, 7],
    );
    expect(alerts.map((a) => [a.kind, a.action])).toEqual([
      ["transfer-asked", "/transfers"],
      ["claim-waiting", "/products/r1#claims-title"],
      ["repair-task", "/repairs/p1"],
      ["period-ending", "/products/r1"],
      ["unregistered", "/products#unregistered-title"],
    ]);
    expect(alerts[1]).toMatchObject({ product: washer });
    expect(alerts.at(-1)).toMatchObject({ count: 2 });
  });

  it("have no period alerts without thresholds", () => {
    const periods = [{ key: "statutory", kind: "statutory" as const, end: today }];
    expect(
      ownerAlerts({ ...none, products: [{ registrationId: "r1", name: washer, periods }] }, today, []),
    ).toEqual([]);
  });
});
