import { withLease } from "../jobs/service.ts";
import { expireUnanswered, type TransfersContext } from "./service.ts";

/** How often unanswered requests past their day go to customer service: they wait at most this long more. */
export const EXPIRY_EVERY_MS = 10 * 60_000;

/**
 * Runs {@link expireUnanswered} every ten minutes, and a minute after the start, on one instance at
 * a time (a lease). Each run reads only the requests due, through their index. Returns the
 * function that stops it.
 */
export function startTransferTimer(ctx: TransfersContext, onError: (error: unknown) => void): () => void {
  const run = () =>
    void withLease(ctx.database, ctx.clock, { name: "transfer-expiry", ttlMs: 5 * 60_000 }, () =>
      expireUnanswered(ctx),
    ).catch(onError);
  const first = setTimeout(run, 60_000);
  const timer = setInterval(run, EXPIRY_EVERY_MS);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
