import fc from "fast-check";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { ClaimStatus as TableClaimStatus } from "../db/tables.ts";
import {
  CLAIM_DECISIONS,
  CLAIM_STATUSES,
  type ClaimMove,
  type ClaimStatus,
  type ClaimTransition,
  isOpenClaim,
  nextClaimStatus,
  OPEN_CLAIM_STATUSES,
} from "./claim-lifecycle.ts";

const reply: ClaimMove = { kind: "reply" };
const decide = (
  decision: (typeof CLAIM_DECISIONS)[number],
  reason: string | null = "a reason",
): ClaimMove => ({
  kind: "decide",
  decision,
  reason,
});
const to = (next: ClaimStatus): ClaimTransition => ({ ok: true, next });
const refused = (refusal: string): ClaimTransition => ({ ok: false, refusal }) as ClaimTransition;

/** Every move there is: the owner's reply, and each decision with and without a reason. */
const MOVES: ClaimMove[] = [
  reply,
  ...CLAIM_DECISIONS.flatMap((decision) => [
    decide(decision),
    decide(decision, null),
    decide(decision, "  "),
  ]),
];

const anyStatus = fc.constantFrom(...CLAIM_STATUSES);
const anyMove: fc.Arbitrary<ClaimMove> = fc.oneof(
  fc.constant(reply),
  fc.record({
    kind: fc.constant("decide" as const),
    decision: fc.constantFrom(...CLAIM_DECISIONS),
    reason: fc.option(fc.string({ maxLength: 20 }), { nil: null }),
  }),
);

/** The states reachable from `start` by any sequence of moves. */
function reachableFrom(start: ClaimStatus): Set<ClaimStatus> {
  const seen = new Set<ClaimStatus>([start]);
  const queue = [start];
  for (let status = queue.shift(); status; status = queue.shift()) {
    for (const move of MOVES) {
      const result = nextClaimStatus(status, move);
      if (result.ok && !seen.has(result.next)) {
        seen.add(result.next);
        queue.push(result.next);
      }
    }
  }
  return seen;
}

describe("the claim lifecycle", () => {
  // Each row: the state, then the result of reply, in-review, more-info, approved, rejected (all
  // with a reason), then more-info and rejected without one.
  const table: [ClaimStatus, ClaimTransition[]][] = [
    [
      "submitted",
      [
        refused("claim.not_waiting"),
        to("in-review"),
        to("more-info"),
        to("approved"),
        to("rejected"),
        refused("claim.reason_required"),
        refused("claim.reason_required"),
      ],
    ],
    [
      "in-review",
      [
        refused("claim.not_waiting"),
        to("in-review"),
        to("more-info"),
        to("approved"),
        to("rejected"),
        refused("claim.reason_required"),
        refused("claim.reason_required"),
      ],
    ],
    [
      "more-info",
      [
        to("submitted"),
        to("in-review"),
        to("more-info"),
        to("approved"),
        to("rejected"),
        refused("claim.reason_required"),
        refused("claim.reason_required"),
      ],
    ],
    ["approved", Array(7).fill(refused("claim.decided"))],
    ["rejected", Array(7).fill(refused("claim.decided"))],
  ];
  const columns: [string, ClaimMove][] = [
    ["the owner replies", reply],
    ["a reviewer takes it into review", decide("in-review")],
    ["a reviewer asks for more with a reason", decide("more-info")],
    ["a reviewer approves", decide("approved")],
    ["a reviewer rejects with a reason", decide("rejected")],
    ["a reviewer asks for more without a reason", decide("more-info", null)],
    ["a reviewer rejects without a reason", decide("rejected", null)],
  ];

  it("covers every state in the table", () => {
    expect(table.map(([status]) => status)).toEqual([...CLAIM_STATUSES]);
  });

  for (const [status, results] of table) {
    columns.forEach(([move, input], i) => {
      const expected = results[i] as ClaimTransition;
      const outcome = expected.ok ? `moves to ${expected.next}` : `is refused with ${expected.refusal}`;
      it(`${outcome} when ${move} on a ${status} claim`, () => {
        expect(nextClaimStatus(status, input)).toEqual(expected);
      });
    });
  }

  it("approves and takes into review without a reason", () => {
    expect(nextClaimStatus("submitted", decide("approved", null))).toEqual(to("approved"));
    expect(nextClaimStatus("submitted", decide("in-review", null))).toEqual(to("in-review"));
  });

  it("counts a reason of only spaces as no reason", () => {
    expect(nextClaimStatus("in-review", decide("rejected", "   "))).toEqual(refused("claim.reason_required"));
  });

  it("never moves a decided claim, whatever the move", () => {
    fc.assert(
      fc.property(anyStatus, anyMove, (status, move) => {
        const result = nextClaimStatus(status, move);
        if (!isOpenClaim(status)) expect(result).toEqual(refused("claim.decided"));
      }),
    );
  });

  it("reaches every state from submitted", () => {
    expect([...reachableFrom("submitted")].sort()).toEqual([...CLAIM_STATUSES].sort());
  });

  it("has outgoing moves from exactly the open states", () => {
    const withMoves = CLAIM_STATUSES.filter((status) =>
      MOVES.some((move) => nextClaimStatus(status, move).ok),
    );
    expect(withMoves).toEqual([...OPEN_CLAIM_STATUSES]);
  });

  it("takes a claim only to the state a decision names, or back to submitted on a reply", () => {
    fc.assert(
      fc.property(anyStatus, anyMove, (status, move) => {
        const result = nextClaimStatus(status, move);
        if (!result.ok) return;
        expect(result.next).toBe(move.kind === "reply" ? "submitted" : move.decision);
      }),
    );
  });

  it("refuses a request for more or a rejection on an open claim exactly when it has no reason", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...OPEN_CLAIM_STATUSES),
        fc.constantFrom("more-info" as const, "rejected" as const),
        fc.option(fc.string({ maxLength: 20 }), { nil: null }),
        (status, decision, reason) => {
          const result = nextClaimStatus(status, decide(decision, reason));
          expect(result.ok).toBe(Boolean(reason?.trim()));
        },
      ),
    );
  });

  it("can always reach a decision from an open state", () => {
    fc.assert(
      fc.property(fc.constantFrom(...OPEN_CLAIM_STATUSES), (status) => {
        const reachable = reachableFrom(status);
        expect(reachable.has("approved") && reachable.has("rejected")).toBe(true);
      }),
    );
  });
});

describe("the statuses the database stores", () => {
  it("are the lifecycle's statuses, as src/db/tables.ts spells them out", () => {
    expectTypeOf<TableClaimStatus>().toEqualTypeOf<ClaimStatus>();
  });
});
