import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  allowedNextStatuses,
  isBeforeReceipt,
  isRepairEnded,
  nextRepairStatus,
  ownerTask,
  PARTNER_STATUSES,
  REPAIR_STATUSES,
  type RepairMover,
} from "./repair-lifecycle.ts";

const MOVERS: RepairMover[] = ["owner", "partner", "routing"];

describe("the repair lifecycle", () => {
  it("takes a TV in warranty from request to closed through the partner's statuses", () => {
    const path = [
      ["requested", "accepted", "routing"],
      ["accepted", "pickup-booked", "partner"],
      ["pickup-booked", "received", "partner"],
      ["received", "diagnosing", "partner"],
      ["diagnosing", "repairing", "partner"],
      ["repairing", "repaired", "partner"],
      ["repaired", "shipped", "partner"],
      ["shipped", "closed", "partner"],
    ] as const;
    for (const [from, to, mover] of path)
      expect(nextRepairStatus(from, to, mover)).toEqual({ ok: true, next: to });
  });

  it("lets only the owner answer a quote, and sends a declined product back unrepaired", () => {
    expect(nextRepairStatus("quote-pending", "quote-approved", "partner").ok).toBe(false);
    expect(allowedNextStatuses("quote-pending", "owner")).toEqual(["quote-approved", "quote-declined"]);
    expect(allowedNextStatuses("quote-declined", "partner")).toEqual(["shipped", "ready-for-collection"]);
  });

  it("refuses a status that cannot follow, naming the ones that can", () => {
    expect(nextRepairStatus("received", "closed", "partner")).toEqual({
      ok: false,
      refusal: "repair.status_not_allowed",
      allowed: [
        "diagnosing",
        "quote-pending",
        "parts-ordered",
        "repairing",
        "repaired",
        "not-repairable",
        "replaced",
      ],
    });
  });

  it("lets the owner cancel only until a centre has the product", () => {
    expect(nextRepairStatus("awaiting-product", "cancelled", "owner").ok).toBe(true);
    expect(nextRepairStatus("received", "cancelled", "owner").ok).toBe(false);
    expect(isBeforeReceipt("pickup-booked")).toBe(true);
    expect(isBeforeReceipt("diagnosing")).toBe(false);
  });

  it("never moves a closed or cancelled repair, whoever asks", () => {
    fc.assert(
      fc.property(fc.constantFrom(...REPAIR_STATUSES), fc.constantFrom(...MOVERS), (wanted, mover) => {
        expect(nextRepairStatus("closed", wanted, mover).ok).toBe(false);
        expect(nextRepairStatus("cancelled", wanted, mover).ok).toBe(false);
      }),
    );
    expect(isRepairEnded("closed")).toBe(true);
    expect(isRepairEnded("shipped")).toBe(false);
  });

  it("gives each mover only its own statuses, from every status", () => {
    fc.assert(
      fc.property(fc.constantFrom(...REPAIR_STATUSES), (current) => {
        for (const s of allowedNextStatuses(current, "partner"))
          expect((PARTNER_STATUSES as readonly string[]).includes(s)).toBe(true);
        for (const s of allowedNextStatuses(current, "owner"))
          expect(["quote-approved", "quote-declined", "cancelled"]).toContain(s);
      }),
    );
  });

  it("reaches closed from every status that is not ended", () => {
    const reachable = (from: string, seen = new Set<string>()): boolean => {
      if (from === "closed") return true;
      if (seen.has(from)) return false;
      seen.add(from);
      return MOVERS.some((m) =>
        allowedNextStatuses(from as never, m).some((next) => next !== "cancelled" && reachable(next, seen)),
      );
    };
    for (const status of REPAIR_STATUSES.filter((s) => s !== "cancelled" && s !== "closed"))
      expect(reachable(status), status).toBe(true);
  });

  it("asks the owner for what only they can do", () => {
    expect(ownerTask("quote-pending", null)).toBe("answer-quote");
    expect(ownerTask("diagnosing", "find-my-lock")).toBe("lift-lock");
    expect(ownerTask("awaiting-product", null)).toBe("hand-over");
    expect(ownerTask("ready-for-collection", null)).toBe("collect");
    expect(ownerTask("repairing", "parts-late")).toBeNull();
  });
});
