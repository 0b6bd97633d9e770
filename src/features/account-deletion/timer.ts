import { startLeasedTimer } from "../jobs/service.ts";
import { type DeletionContext, eraseDue } from "./service.ts";

/** How often accounts past their grace period are erased: at most this long after their day. */
export const ERASURE_EVERY_MS = 10 * 60_000;

/** Runs {@link eraseDue} every ten minutes on one instance at a time (a lease); returns its stop. */
export function startErasureTimer(ctx: DeletionContext, onError: (error: unknown) => void): () => void {
  return startLeasedTimer(
    ctx.database,
    ctx.clock,
    { name: "account-erasure", ttlMs: 10 * 60_000, firstMs: 90_000, everyMs: ERASURE_EVERY_MS },
    () => eraseDue(ctx),
    onError,
  );
}
