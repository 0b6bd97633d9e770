/**
 * Ownership transfer of a second-hand product (B8). Someone who finds a product registered to
 * another account asks for it with a proof (a receipt from the seller, a photo of the rating
 * plate). The owner has `ANSWER_DAYS` to accept, which moves the product at once, or to decline.
 * A decline, or no answer in time, sends the request to customer service, who decide with the
 * proof and a reason. A request whose product left the owner meanwhile (removed, or moved by
 * another request) is closed: there is nothing left to hand over.
 */
export type TransferStatus = "awaiting-owner" | "with-staff" | "transferred" | "refused" | "closed";

export const ANSWER_DAYS = 14;

/** The statuses a request is waiting in: one per requester and unit at a time. */
export const PENDING_TRANSFER_STATUSES = ["awaiting-owner", "with-staff"] as const satisfies TransferStatus[];

export type TransferEvent =
  | "owner-accepts"
  | "owner-declines"
  | "answer-time-out"
  | "staff-approves"
  | "staff-refuses"
  | "product-moved";

const STEPS: Record<TransferEvent, { from: readonly TransferStatus[]; to: TransferStatus }> = {
  "owner-accepts": { from: ["awaiting-owner"], to: "transferred" },
  "owner-declines": { from: ["awaiting-owner"], to: "with-staff" },
  "answer-time-out": { from: ["awaiting-owner"], to: "with-staff" },
  "staff-approves": { from: ["with-staff"], to: "transferred" },
  "staff-refuses": { from: ["with-staff"], to: "refused" },
  "product-moved": { from: PENDING_TRANSFER_STATUSES, to: "closed" },
};

/**
 * The status after `event`, or null when the event cannot happen in `status`.
 *
 * @example transferStep("awaiting-owner", "owner-declines") // "with-staff"
 * @example transferStep("transferred", "staff-refuses") // null
 */
export function transferStep(status: TransferStatus, event: TransferEvent): TransferStatus | null {
  const step = STEPS[event];
  return step.from.includes(status) ? step.to : null;
}

/** The statuses `event` can happen in: what a write's `where status in (…)` names, so one write wins a race. */
export function transferStepFrom(event: TransferEvent): readonly TransferStatus[] {
  return STEPS[event].from;
}

/**
 * The last moment the owner can answer: `ANSWER_DAYS` days after the request.
 *
 * @example answerBy(new Date("2026-12-03T10:00:00Z")).toISOString() // "2026-12-17T10:00:00.000Z"
 */
export function answerBy(askedAt: Date): Date {
  return new Date(askedAt.getTime() + ANSWER_DAYS * 86_400_000);
}
