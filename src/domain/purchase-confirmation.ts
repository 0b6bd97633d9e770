import type { ConfirmationSource } from "./warranty.ts";

/** A purchase date confirmed by one of the manufacturer's systems (DESIGN R13). */
export interface PurchaseConfirmation {
  source: ConfirmationSource;
  /** "YYYY-MM-DD" */
  date: string;
}

/** A web-shop delivery is the firmest proof, then a reviewed receipt, then a phone's activation. */
const FIRMNESS: Record<ConfirmationSource, number> = { "shop-order": 0, claim: 1, activation: 2 };

/**
 * The confirmation that counts among those of one unit: the firmest source, and of that source
 * the earliest date (a correction or a second order must not push the warranty later). Null when
 * there is none.
 *
 * @example
 * ```ts
 * confirmationThatCounts([
 *   { source: "activation", date: "2025-01-05" },
 *   { source: "shop-order", date: "2025-01-09" },
 *   { source: "shop-order", date: "2025-01-07" },
 * ]); // { source: "shop-order", date: "2025-01-07" }
 * ```
 */
export function confirmationThatCounts<C extends PurchaseConfirmation>(
  confirmations: readonly C[],
): C | null {
  let best: C | null = null;
  for (const c of confirmations) {
    if (
      best === null ||
      FIRMNESS[c.source] < FIRMNESS[best.source] ||
      (FIRMNESS[c.source] === FIRMNESS[best.source] && c.date < best.date)
    ) {
      best = c;
    }
  }
  return best;
}
