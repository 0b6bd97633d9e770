/**
 * The life of a warranty claim, as data: which states there are, which moves each state allows,
 * and why a move is refused. The service asks {@link nextClaimStatus} before it writes, and writes
 * with a condition on the state it read, so that the database decides a race.
 */

export const CLAIM_STATUSES = ["submitted", "in-review", "more-info", "approved", "rejected"] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** The states a reviewer may still act on; a product has at most one claim in them. */
export const OPEN_CLAIM_STATUSES = ["submitted", "in-review", "more-info"] as const;
export type OpenClaimStatus = (typeof OPEN_CLAIM_STATUSES)[number];

/** What a reviewer may decide: take it into review, ask for more, approve or reject. */
export const CLAIM_DECISIONS = ["in-review", "more-info", "approved", "rejected"] as const;
export type ClaimDecision = (typeof CLAIM_DECISIONS)[number];

/** Decisions the owner must be told the reason of. */
const NEEDS_REASON: readonly ClaimDecision[] = ["more-info", "rejected"];

export type ClaimMove =
  /** The owner answers a request for more information. */
  | { kind: "reply" }
  /** A reviewer decides; `reason` is what the owner will read, if any. */
  | { kind: "decide"; decision: ClaimDecision; reason: string | null };

/** Why a move is refused: each is a code of the error catalogue. */
export type ClaimRefusal = "claim.decided" | "claim.not_waiting" | "claim.reason_required";

export type ClaimTransition = { ok: true; next: ClaimStatus } | { ok: false; refusal: ClaimRefusal };

/**
 * Whether a claim is still open (not yet approved or rejected).
 *
 * @example
 * isOpenClaim("more-info"); // true
 * isOpenClaim("approved"); // false
 */
export function isOpenClaim(status: ClaimStatus): status is OpenClaimStatus {
  return (OPEN_CLAIM_STATUSES as readonly ClaimStatus[]).includes(status);
}

/**
 * The state a move takes a claim to, or why it may not be made. A decided claim never moves; the
 * owner may reply only while the claim waits for more information (it goes back to `submitted`);
 * a reviewer may make any decision on an open claim, and a request for more information or a
 * rejection must carry a reason.
 *
 * @example
 * nextClaimStatus("more-info", { kind: "reply" }); // { ok: true, next: "submitted" }
 * nextClaimStatus("submitted", { kind: "decide", decision: "rejected", reason: null });
 * // { ok: false, refusal: "claim.reason_required" }
 * nextClaimStatus("approved", { kind: "decide", decision: "rejected", reason: "late" });
 * // { ok: false, refusal: "claim.decided" }
 */
export function nextClaimStatus(status: ClaimStatus, move: ClaimMove): ClaimTransition {
  if (!isOpenClaim(status)) return { ok: false, refusal: "claim.decided" };
  if (move.kind === "reply") {
    return status === "more-info"
      ? { ok: true, next: "submitted" }
      : { ok: false, refusal: "claim.not_waiting" };
  }
  if (NEEDS_REASON.includes(move.decision) && !move.reason?.trim()) {
    return { ok: false, refusal: "claim.reason_required" };
  }
  return { ok: true, next: move.decision };
}
