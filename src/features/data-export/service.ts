import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import { toInstant } from "../../db/tables.ts";
import type { Clock } from "../../domain/clock.ts";
import { isLocale } from "../../messages/catalog.ts";
import type { Actor } from "../../server/actor.ts";
import { authorize } from "../../server/policy.ts";
import { Problem } from "../../server/problem.ts";
import { audit } from "../audit/service.ts";
import type { FileStorage } from "../claims/storage.ts";
import { enqueueMail } from "../outbox/mail.ts";
import type { OutboxMessage } from "../outbox/queries.ts";
import { enqueue } from "../outbox/queries.ts";
import { findProfile } from "../profile/queries.ts";
import { buildExport } from "./build.ts";
import { dueForExpiry, exportsOfOwner, findExport, insertExport, updateExport } from "./queries.ts";

export const DATA_EXPORT_TOPIC = "data-export";
/** How long a ready export can be downloaded; then its file is deleted. */
export const EXPORT_DAYS = 7;
/** A new export within this long of the last one that was made gives that one again. */
const EXPORT_AGAIN_AFTER_MS = 24 * 60 * 60_000;

export interface DataExportContext {
  database: Database;
  config: Config;
  clock: Clock;
  storage: FileStorage;
}

type ExportRow = NonNullable<Awaited<ReturnType<typeof findExport>>>;

function present(row: ExportRow, now: Date) {
  const expired =
    row.status === "expired" || (row.expires_at !== null && toInstant(row.expires_at) <= now.toISOString());
  return {
    id: row.id,
    status: expired ? ("expired" as const) : row.status,
    progress: row.progress,
    requestedAt: toInstant(row.requested_at),
    readyAt: row.ready_at ? toInstant(row.ready_at) : null,
    expiresAt: row.expires_at ? toInstant(row.expires_at) : null,
    size: row.size === null ? null : Number(row.size),
  };
}

const notFound = () => new Problem("export.not_found", "There is no such copy of your data to download.");

/** The owner's latest exports, newest first: the privacy page shows the first. */
export async function myExports(ctx: DataExportContext, actor: Actor) {
  authorize(actor, { kind: "export.own", ownerId: actor.userId });
  const now = ctx.clock.now();
  return { exports: (await exportsOfOwner(ctx.database.db, actor.userId, 5)).map((r) => present(r, now)) };
}

/**
 * Asks for a copy of the owner's data, made in the background (the outbox). While one is being
 * made, or one was made in the last day and can still be downloaded, that one is the answer.
 *
 * @returns the export and whether it is new
 */
export async function requestExport(ctx: DataExportContext, actor: Actor) {
  authorize(actor, { kind: "export.own", ownerId: actor.userId });
  const now = ctx.clock.now();
  return ctx.database.db.transaction().execute(async (trx) => {
    const [latest] = await exportsOfOwner(trx, actor.userId, 1);
    if (latest) {
      const shown = present(latest, now);
      const recent = now.getTime() - new Date(shown.requestedAt).getTime() < EXPORT_AGAIN_AFTER_MS;
      if (shown.status === "queued" || shown.status === "building" || (shown.status === "ready" && recent))
        return { created: false, export: shown };
    }
    const id = await insertExport(trx, actor.userId, now);
    await enqueue(
      { db: trx },
      DATA_EXPORT_TOPIC,
      { exportId: id },
      { dedupeKey: `data-export:${id}`, at: now },
    );
    await audit(trx, {
      actor,
      action: "export.requested",
      ownerId: actor.userId,
      subjectType: "export",
      subjectId: id,
      at: now,
    });
    const row = await findExport(trx, id);
    if (!row) throw notFound();
    return { created: true, export: present(row, now) };
  });
}

/**
 * The ZIP of one export, for its owner only while it can be downloaded; anyone else, and the owner
 * after its days, get `export.not_found` (the same for an id that never was).
 */
export async function openExportFile(ctx: DataExportContext, actor: Actor, id: string) {
  authorize(actor, { kind: "export.own", ownerId: actor.userId });
  const row = await findExport(ctx.database.db, id);
  const now = ctx.clock.now();
  if (!row || row.owner_id !== actor.userId || !row.storage_key) throw notFound();
  const shown = present(row, now);
  if (shown.status !== "ready") throw notFound();
  const file = await ctx.storage.openStream(row.storage_key);
  if (!file) throw notFound();
  return { ...file, name: `data-${shown.requestedAt.slice(0, 10)}.zip` };
}

/**
 * The outbox's handler: makes the ZIP, records its progress area by area, and mails the owner when
 * it is ready. A message handled twice (a lease that ran out) makes the same file again; one for an
 * export that is ready or gone does nothing.
 */
export function dataExportHandler(ctx: DataExportContext) {
  return async (message: OutboxMessage): Promise<void> => {
    const { exportId } = message.payload as { exportId: string };
    const row = await findExport(ctx.database.db, exportId);
    if (!row || (row.status !== "queued" && row.status !== "building")) return;
    const owner = await findProfile(ctx.database.db, row.owner_id);
    if (!owner) return;
    const locale = isLocale(owner.locale) ? owner.locale : "nb";
    await updateExport(ctx.database.db, exportId, { status: "building", progress: 0 });
    const key = `exports/${exportId}.zip`;
    let size: number;
    try {
      size = await buildExport(ctx, { id: row.owner_id, locale, name: owner.name }, key, (done) =>
        updateExport(ctx.database.db, exportId, { progress: Math.min(99, Math.round(done * 100)) }),
      );
    } catch (error) {
      if (message.attempts + 1 >= 3) {
        await updateExport(ctx.database.db, exportId, {
          status: "failed",
          error: error instanceof Error ? error.message.slice(0, 500) : "failed",
        });
        return;
      }
      throw error;
    }
    // The account may have been erased while the copy was made: then the copy goes too.
    if (!(await findExport(ctx.database.db, exportId))) {
      await ctx.storage.delete(key);
      return;
    }
    const now = ctx.clock.now();
    const expiresAt = new Date(now.getTime() + EXPORT_DAYS * 24 * 60 * 60_000);
    await ctx.database.db.transaction().execute(async (trx) => {
      await updateExport(trx, exportId, {
        status: "ready",
        progress: 100,
        ready_at: now.toISOString(),
        expires_at: expiresAt.toISOString(),
        storage_key: key,
        size,
        error: null,
      });
      await enqueueMail(
        { db: trx },
        {
          to: owner.email,
          locale,
          template: "export-ready",
          values: {
            name: owner.name,
            url: `${ctx.config.publicUrl}/privacy#export`,
            date: expiresAt.getTime(),
          },
          dedupeKey: `export-ready:${exportId}`,
          at: now,
        },
      );
    });
  };
}

/**
 * Deletes the files of exports whose days are over, a hundred at a time through the status and
 * expiry index, and marks them expired. Returns how many.
 */
export async function expireExports(ctx: DataExportContext): Promise<number> {
  let expired = 0;
  for (;;) {
    const due = await dueForExpiry(ctx.database.db, ctx.clock.now().toISOString(), 100);
    for (const row of due) {
      if (row.storage_key) await ctx.storage.delete(row.storage_key);
      await updateExport(ctx.database.db, row.id, { status: "expired", storage_key: null });
    }
    expired += due.length;
    if (due.length < 100) return expired;
  }
}
