import { describe, expect, it } from "vitest";
import { answerBy, PENDING_TRANSFER_STATUSES, transferStep, transferStepFrom } from "./transfer.ts";

describe("a transfer request's steps", () => {
  it("moves the product when the owner accepts, and sends a decline or a time-out to customer service", () => {
    expect(transferStep("awaiting-owner", "owner-accepts")).toBe("transferred");
    expect(transferStep("awaiting-owner", "owner-declines")).toBe("with-staff");
    expect(transferStep("awaiting-owner", "answer-time-out")).toBe("with-staff");
  });

  it("lets customer service decide only what is in its queue", () => {
    expect(transferStep("with-staff", "staff-approves")).toBe("transferred");
    expect(transferStep("with-staff", "staff-refuses")).toBe("refused");
    expect(transferStep("awaiting-owner", "staff-approves")).toBeNull();
  });

  it("lets the owner answer once, and nothing happen after a decision", () => {
    expect(transferStep("with-staff", "owner-accepts")).toBeNull();
    for (const done of ["transferred", "refused", "closed"] as const)
      for (const event of [
        "owner-accepts",
        "owner-declines",
        "staff-approves",
        "staff-refuses",
        "product-moved",
      ] as const)
        expect(transferStep(done, event)).toBeNull();
  });

  it("closes a pending request whose product has moved", () => {
    for (const status of PENDING_TRANSFER_STATUSES)
      expect(transferStep(status, "product-moved")).toBe("closed");
    expect(transferStepFrom("product-moved")).toEqual(PENDING_TRANSFER_STATUSES);
  });

  it("gives the owner fourteen days to answer", () => {
    expect(answerBy(new Date("2026-12-03T10:00:00Z")).toISOString()).toBe("2026-12-17T10:00:00.000Z");
  });
});
