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
import { enqueueMail, mailRecipientHash } from "../outbox/mail.ts";
import { deleteMailsTo } from "../outbox/queries.ts";
import { changingOwnedModels } from "../registration/owned-models.ts";
import {
  accountForDeletion,
  cancelDeletion,
  countOpenRepairs,
  dueForErasure,
  eraseOwnerRows,
  fileKeysOf,
  passwordHashOf,
  scheduleDeletion,
} from "./queries.ts";

export interface DeletionContext {
  database: Database;
  config: Config;
  clock: Clock;
  storage: FileStorage;
  /** Whether a password matches its stored hash (better-auth's own check). */
  verifyPassword(hash: string, password: string): Promise<boolean>;
}

const DAY_MS = 24 * 60 * 60_000;

/** Whether the owner has asked to delete the account, the grace period, and the repairs under way. */
export async function deletionStatus(ctx: DeletionContext, actor: Actor) {
  authorize(actor, { kind: "account.delete", ownerId: actor.userId });
  const [account, openRepairs] = await Promise.all([
    accountForDeletion(ctx.database.db, actor.userId),
    countOpenRepairs(ctx.database.db, actor.userId),
  ]);
  return {
    graceDays: ctx.config.accountDeletionGraceDays,
    dueAt: account?.deletion_due_at ? toInstant(account.deletion_due_at) : null,
    openRepairs,
  };
}

/**
 * Deletes the signed-in owner's account, confirmed with the password. Every sign-in ends and the
 * products are released at once; the erasure follows after the operator's grace period (at once
 * when it is 0), unless the owner signs in before it.
 *
 * @throws Problem `account.password_wrong` (nothing changes)
 */
export async function requestDeletion(ctx: DeletionContext, actor: Actor, password: string) {
  authorize(actor, { kind: "account.delete", ownerId: actor.userId });
  const { db } = ctx.database;
  const [account, hash] = await Promise.all([
    accountForDeletion(db, actor.userId),
    passwordHashOf(db, actor.userId),
  ]);
  if (!account || !hash || !(await ctx.verifyPassword(hash, password))) {
    throw new Problem("account.password_wrong", "The password is not right. Nothing was deleted.");
  }
  const now = ctx.clock.now();
  const dueAt = new Date(now.getTime() + ctx.config.accountDeletionGraceDays * DAY_MS);
  const locale = isLocale(account.locale) ? account.locale : "nb";
  await db.transaction().execute(async (trx) => {
    await changingOwnedModels(trx, [actor.userId], () =>
      scheduleDeletion(trx, actor.userId, now.toISOString(), dueAt.toISOString()),
    );
    await audit(trx, {
      actor,
      action: "account.deletion_requested",
      ownerId: actor.userId,
      subjectType: "account",
      subjectId: actor.userId,
      detail: { dueAt: dueAt.toISOString() },
      at: now,
    });
    if (ctx.config.accountDeletionGraceDays > 0) {
      await enqueueMail(
        { db: trx },
        {
          to: account.email,
          locale,
          template: "deletion-scheduled",
          values: { name: account.name, date: dueAt.getTime(), url: `${ctx.config.publicUrl}/signin` },
          dedupeKey: `deletion-scheduled:${actor.userId}:${now.getTime()}`,
          at: now,
        },
      );
    }
  });
  if (ctx.config.accountDeletionGraceDays === 0) {
    await eraseAccount(ctx, actor.userId);
    return { status: "erased" as const, dueAt: null };
  }
  return { status: "scheduled" as const, dueAt: dueAt.toISOString() };
}

/**
 * Called on every successful sign-in: an account asked to be deleted and not yet erased is kept,
 * and its products that nobody has registered since come back.
 */
export async function keepAccountOnSignIn(database: Database, clock: Clock, userId: string) {
  const account = await accountForDeletion(database.db, userId);
  if (!account?.deletion_requested_at || account.erased_at) return;
  const requestedAt = toInstant(account.deletion_requested_at);
  await database.db.transaction().execute(async (trx) => {
    await changingOwnedModels(trx, [userId], () => cancelDeletion(trx, userId, requestedAt));
    await audit(trx, {
      actor: { userId, role: "customer" },
      action: "account.deletion_cancelled",
      ownerId: userId,
      subjectType: "account",
      subjectId: userId,
      at: clock.now(),
    });
  });
}

/**
 * Erases one account: its rows as `ERASURE` says, its mails in the outbox, and its files (after the
 * rows, so that no row ever points at a file that is gone). Ends with a last mail that the outbox
 * keeps without the address once sent. False when there was nothing to erase.
 */
export async function eraseAccount(ctx: DeletionContext, userId: string): Promise<boolean> {
  const { db } = ctx.database;
  const account = await accountForDeletion(db, userId);
  if (!account || account.erased_at) return false;
  const keys = await fileKeysOf(db, userId);
  const now = ctx.clock.now();
  const locale = isLocale(account.locale) ? account.locale : "nb";
  await db.transaction().execute(async (trx) => {
    await eraseOwnerRows(trx, userId, now.toISOString());
    await deleteMailsTo(trx, mailRecipientHash(account.email));
    await audit(trx, {
      actor: { userId: null, role: "system" },
      action: "account.erased",
      ownerId: userId,
      subjectType: "account",
      subjectId: userId,
      at: now,
    });
    await enqueueMail(
      { db: trx },
      {
        to: account.email,
        locale,
        template: "account-erased",
        values: { brand: ctx.config.brandName },
        forget: true,
        dedupeKey: `account-erased:${userId}`,
        at: now,
      },
    );
  });
  for (const key of keys) await ctx.storage.delete(key);
  return true;
}

/** Erases the accounts whose grace period is over, twenty at a time through the due-date index. */
export async function eraseDue(ctx: DeletionContext): Promise<number> {
  let erased = 0;
  for (;;) {
    const due = await dueForErasure(ctx.database.db, ctx.clock.now().toISOString(), 20);
    for (const { id } of due) if (await eraseAccount(ctx, id)) erased++;
    if (due.length < 20) return erased;
  }
}
