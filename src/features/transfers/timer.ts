import { startLeasedTimer } from "../jobs/service.ts";
import { expireUnanswered, type TransfersContext } from "./service.ts";

/** How often unanswered requests past their day go to customer service: they wait at most this long more. */
export const EXPIRY_EVERY_MS = 10 * 60_000;

/**
 * Runs {@link expireUnanswered} every ten minutes, and a minute after the start, on one instance at
 * a time (a lease). Each run reads only the requests due, through their index. Returns the
 * function that stops it.
 */
export function startTransferTimer(ctx: TransfersContext, onError: (error: unknown) => void): () => void {
  return startLeasedTimer(
    ctx.database,
    ctx.clock,
    { name: "transfer-expiry", ttlMs: 5 * 60_000, firstMs: 60_000, everyMs: EXPIRY_EVERY_MS },
    () => expireUnanswered(ctx),
    onError,
  );
}
