import type { Database } from "../../db/database.ts";
import { newRowId } from "../../db/row-id.ts";
import type { Clock } from "../../domain/clock.ts";
import { withLease } from "../jobs/service.ts";
import type { PreparedProof } from "./proof.ts";
import { findClaimFileKey } from "./queries.ts";
import type { FileStorage } from "./storage.ts";

/**
 * A proof file is written before the transaction that records it, under a pending key, and moved
 * to its claim's folder only once that transaction has committed. A failed or refused step
 * deletes its pending file; a crash between the write and the commit leaves one, which the sweep
 * removes after an hour. So no file outlives a rollback, and no row points at a file never written.
 */

const PENDING = "pending";
export const PENDING_FILE_MAX_AGE_MS = 60 * 60_000;

export const pendingKey = (fileId: string) => `${PENDING}/${fileId}`;
export const claimFileKey = (claimId: string, fileId: string) => `claims/${claimId}/${fileId}`;

/** A proof written under its pending key, with the key it will have once its claim commits. */
export interface StagedProof extends PreparedProof {
  id: string;
  storageKey: string;
}

/**
 * Runs `work` (a transaction that records the file) with the proof written under a pending key.
 * The file is kept under its final key only when `work` resolves; when it throws, the pending
 * file is deleted and the error passed on.
 *
 * @example
 * await withPendingProof(storage, claimId, proof, (file) => db.transaction().execute(async (trx) => { … }));
 */
export async function withPendingProof<T>(
  storage: FileStorage,
  claimId: string,
  proof: PreparedProof | null,
  work: (file: StagedProof | null) => Promise<T>,
): Promise<T> {
  return withPendingFile(storage, (id) => claimFileKey(claimId, id), proof, work);
}

/**
 * {@link withPendingProof} for any uploaded file: `finalKeyOf` names the key the file is kept
 * under once `work` resolves (a repair's photo is kept under its repair).
 *
 * @example
 * await withPendingFile(storage, (id) => `repairs/${repairId}/${id}`, photo, (file) => …);
 */
export async function withPendingFile<T>(
  storage: FileStorage,
  finalKeyOf: (fileId: string) => string,
  proof: PreparedProof | null,
  work: (file: StagedProof | null) => Promise<T>,
): Promise<T> {
  if (!proof) return work(null);
  const id = newRowId();
  const file: StagedProof = { ...proof, id, storageKey: finalKeyOf(id) };
  await storage.put(pendingKey(id), proof.bytes);
  let result: T;
  try {
    result = await work(file);
  } catch (error) {
    // The step's own error is what the caller needs; a file left behind is the sweep's to remove.
    await storage.delete(pendingKey(id)).catch(() => {});
    throw error;
  }
  await storage.move(pendingKey(id), file.storageKey);
  return result;
}

/**
 * Removes the pending files older than `olderThanMs` by the clock: what a crash between a write
 * and its commit left. A file whose row did commit (the process stopped before the move) is moved
 * to the key its row names instead, when `committedKeyOf` knows it.
 *
 * @example
 * await sweepPendingFiles(storage, systemClock, PENDING_FILE_MAX_AGE_MS); // { removed: 0, kept: 0 }
 */
export async function sweepPendingFiles(
  storage: FileStorage,
  clock: Clock,
  olderThanMs: number,
  committedKeyOf: (fileId: string) => Promise<string | null> = async () => null,
): Promise<{ removed: number; kept: number }> {
  const cutoff = clock.now().getTime() - olderThanMs;
  let removed = 0;
  let kept = 0;
  for (const file of await storage.list(PENDING)) {
    if (file.modifiedAt.getTime() > cutoff) continue;
    const fileId = file.key.slice(PENDING.length + 1);
    const committed = await committedKeyOf(fileId);
    if (committed) {
      await storage.move(file.key, committed);
      kept++;
    } else {
      await storage.delete(file.key);
      removed++;
    }
  }
  return { removed, kept };
}

/** Where a committed file other than a claim's proof is kept (a repair's photo), or null. */
export type CommittedKeyOf = (fileId: string) => Promise<string | null>;

/**
 * The sweep of uploaded files: a pending file whose row committed (a claim's proof, or whatever
 * `otherKeyOf` knows) is kept, any other removed.
 */
export function sweepClaimFiles(
  database: Database,
  storage: FileStorage,
  clock: Clock,
  otherKeyOf: CommittedKeyOf = async () => null,
) {
  return sweepPendingFiles(
    storage,
    clock,
    PENDING_FILE_MAX_AGE_MS,
    async (fileId) => (await findClaimFileKey(database.db, fileId)) ?? otherKeyOf(fileId),
  );
}

/**
 * Sweeps once an hour, and a minute after the start; returns the function that stops it. The
 * timers do not keep the process alive. Instances that share the file store sweep one at a time
 * (a lease), so two never move or delete the same file.
 */
export function startPendingFileSweep(
  database: Database,
  storage: FileStorage,
  clock: Clock,
  onError: (error: unknown) => void,
  otherKeyOf?: CommittedKeyOf,
): () => void {
  const run = () =>
    withLease(database, clock, { name: "claim-file-sweep", ttlMs: 30 * 60_000 }, () =>
      sweepClaimFiles(database, storage, clock, otherKeyOf),
    ).catch(onError);
  const first = setTimeout(run, 60_000);
  const timer = setInterval(run, PENDING_FILE_MAX_AGE_MS);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
