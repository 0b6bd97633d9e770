/**
 * Recommendations (R11): which models to show an owner, and why. Pure: the caller reads the
 * catalogue's links and the co-ownership counts and passes them in.
 */

/** Why a model is recommended: a catalogue link of the owned model, or what its other owners have. */
export type RecommendationReason = "accessory" | "consumable" | "successor" | "also-owned";

export interface Candidate {
  /** The model recommended. */
  code: string;
  /** The owned model it is recommended for. */
  forModel: string;
  reason: RecommendationReason;
}

const REASON_ORDER: Record<RecommendationReason, number> = {
  consumable: 0,
  accessory: 1,
  "also-owned": 2,
  successor: 3,
};

/**
 * Up to `limit` recommendations: never a model the owner owns, each model once (for the first of
 * the owned models that leads to it), taken in turn from each owned model so that one product does
 * not fill the list; within a product, consumables, then accessories, then what other owners of the
 * model also have, then its successor. Candidates of a product keep their given order within a reason
 * (co-ownership candidates come most owners first).
 *
 * @example
 * pickRecommendations(
 *   [{ code: "CASE", forModel: "P24", reason: "accessory" }, { code: "P24", forModel: "P22", reason: "successor" }],
 *   new Set(["P24", "P22"]), ["P24", "P22"], 4,
 * ); // [{ code: "CASE", forModel: "P24", reason: "accessory" }]
 */
export function pickRecommendations(
  candidates: readonly Candidate[],
  owned: ReadonlySet<string>,
  ownedOrder: readonly string[],
  limit: number,
): Candidate[] {
  const queues = new Map<string, Candidate[]>(ownedOrder.map((m) => [m, []]));
  for (const c of candidates) queues.get(c.forModel)?.push(c);
  for (const queue of queues.values()) {
    queue.sort((a, b) => REASON_ORDER[a.reason] - REASON_ORDER[b.reason]);
  }
  const picked: Candidate[] = [];
  const seen = new Set<string>();
  let more = true;
  while (picked.length < limit && more) {
    more = false;
    for (const queue of queues.values()) {
      while (queue.length > 0) {
        const next = queue.shift() as Candidate;
        if (owned.has(next.code) || seen.has(next.code)) continue;
        seen.add(next.code);
        picked.push(next);
        more = true;
        break;
      }
      if (picked.length >= limit) break;
    }
  }
  return picked;
}

/**
 * How an owner's change of models moves the co-ownership counts: +1 for each ordered pair of
 * different models the owner has now and did not have before, -1 for each pair they no longer
 * have. At most twice the owner's number of models per model gained or lost.
 *
 * @example
 * coOwnershipDelta(["A"], ["A", "B"]); // { add: [["A", "B"], ["B", "A"]], remove: [] }
 */
export function coOwnershipDelta(
  before: readonly string[],
  after: readonly string[],
): { add: [string, string][]; remove: [string, string][] } {
  const pairs = (models: readonly string[]) => {
    const set = [...new Set(models)].sort();
    const out = new Set<string>();
    for (const a of set) for (const b of set) if (a !== b) out.add(`${a}\u0000${b}`);
    return out;
  };
  const was = pairs(before);
  const is = pairs(after);
  const split = (key: string) => key.split("\u0000") as [string, string];
  return {
    add: [...is].filter((k) => !was.has(k)).map(split),
    remove: [...was].filter((k) => !is.has(k)).map(split),
  };
}

/**
 * The net change of each pair's count over several owners' changes at once, in one order (by
 * model, then other model), with pairs whose changes cancel left out: applied in this order, two
 * transactions that touch the same pairs take their rows' locks in the same order and never
 * wait on each other in a circle.
 *
 * @example
 * netCoOwnership([{ before: ["A", "B"], after: ["A"] }, { before: ["A"], after: ["A", "B"] }]); // []
 */
export function netCoOwnership(
  changes: readonly { before: readonly string[]; after: readonly string[] }[],
): [string, string, number][] {
  const net = new Map<string, number>();
  for (const { before, after } of changes) {
    const { add, remove } = coOwnershipDelta(before, after);
    for (const [a, b] of add) net.set(`${a}\u0000${b}`, (net.get(`${a}\u0000${b}`) ?? 0) + 1);
    for (const [a, b] of remove) net.set(`${a}\u0000${b}`, (net.get(`${a}\u0000${b}`) ?? 0) - 1);
  }
  return [...net.entries()]
    .filter(([, delta]) => delta !== 0)
    .map(([key, delta]) => {
      const [a, b] = key.split("\u0000") as [string, string];
      return [a, b, delta] as [string, string, number];
    })
    .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0));
}
