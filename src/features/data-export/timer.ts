import { startLeasedTimer } from "../jobs/service.ts";
import { type DataExportContext, expireExports } from "./service.ts";

/** How often exports past their days lose their file: a file lives at most this long past its day. */
export const EXPIRY_EVERY_MS = 60 * 60_000;

/**
 * Runs {@link expireExports} every hour, and two minutes after the start, on one instance at a time
 * (a lease). Returns the function that stops it.
 */
export function startExportExpiry(ctx: DataExportContext, onError: (error: unknown) => void): () => void {
  return startLeasedTimer(
    ctx.database,
    ctx.clock,
    { name: "data-export-expiry", ttlMs: 10 * 60_000, firstMs: 2 * 60_000, everyMs: EXPIRY_EVERY_MS },
    () => expireExports(ctx),
    onError,
  );
}
