import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import type { Clock } from "../../domain/clock.ts";
import type { Actor } from "../../server/actor.ts";
import { authorize } from "../../server/policy.ts";
import { notFound, Problem } from "../../server/problem.ts";
import { noteStaffLook, staffNumber } from "../access-log/service.ts";
import { audit } from "../audit/service.ts";
import { reverseRegistrationPoints } from "../rewards/service.ts";
import { scheduleReminders } from "../warranty/service.ts";
import { changingOwnedModels } from "./owned-models.ts";
import { checkPurchaseDate } from "./purchase-date.ts";
import {
  findRegistration,
  insertPurchaseDateEvent,
  removeRegistration,
  updateRegistration,
} from "./queries.ts";
import { purchaseDateHistories, readRegistration } from "./read.ts";
import type {
  PurchaseDateCorrection,
  PurchaseDateEvent,
  RegistrationPatch,
  RegistrationView,
} from "./schemas.ts";

/** The active registration `id`, for its owner only (staff read, but do not change, products). */
async function changeableRow(database: Database, actor: Actor, id: string) {
  const row = await findRegistration(database.db, id);
  if (!row) throw notFound("registration");
  authorize(actor, { kind: "registration.change", ownerId: row.owner_id });
  return row;
}

/**
 * Renames a product or corrects its purchase facts; an empty string clears a field. A stated
 * purchase date is checked against today and the manufacture date, and moves the next reminder.
 */
export async function changeRegistration(
  database: Database,
  config: Config,
  clock: Clock,
  actor: Actor,
  id: string,
  patch: RegistrationPatch,
): Promise<RegistrationView> {
  const row = await changeableRow(database, actor, id);
  checkPurchaseDate(config, clock, patch.purchaseDate, row.manufactured_on);
  await database.db.transaction().execute(async (trx) => {
    const changed = await updateRegistration(trx, id, {
      ...(patch.nickname !== undefined && { nickname: patch.nickname || null }),
      ...(patch.purchaseDate !== undefined && { purchase_date: patch.purchaseDate }),
      ...(patch.purchasePlace !== undefined && { purchase_place: patch.purchasePlace || null }),
    });
    // Removed since it was read: nothing to change.
    if (!changed) throw notFound("registration");
    if (patch.purchaseDate !== undefined && patch.purchaseDate !== row.purchase_date) {
      await insertPurchaseDateEvent(trx, {
        registration_id: id,
        date: patch.purchaseDate,
        source: "owner",
        at: clock.now().toISOString(),
      });
      await scheduleReminders(trx, config, clock.now(), [id]);
    }
    await audit(trx, {
      actor,
      action: "registration.changed",
      ownerId: row.owner_id,
      subjectType: "registration",
      subjectId: id,
      detail: patch,
      at: clock.now(),
    });
  });
  return readRegistration(database, config, clock, actor, id);
}

/**
 * Customer service corrects the purchase date of an owner's product (a receipt read out on the
 * phone, a typing slip), with a reason the owner reads in the date's history. The look at the
 * product is logged as any other, so it needs an open case or a reason given; the reminders move
 * with the date.
 *
 * @throws Problem 409 `registration.purchase_date_unchanged` when the product has this date already
 */
export async function correctPurchaseDate(
  database: Database,
  config: Config,
  clock: Clock,
  actor: Actor,
  id: string,
  correction: PurchaseDateCorrection,
): Promise<{ registration: RegistrationView; purchaseDateHistory: PurchaseDateEvent[] }> {
  authorize(actor, { kind: "customer.act" });
  const row = await findRegistration(database.db, id);
  if (!row) throw notFound("registration");
  const at = clock.now();
  await noteStaffLook(database.db, actor, { ownerId: row.owner_id, what: "product", subjectId: id }, at);
  checkPurchaseDate(config, clock, correction.purchaseDate, row.manufactured_on);
  if (correction.purchaseDate === row.purchase_date)
    throw new Problem("registration.purchase_date_unchanged", "The product has this purchase date already.");
  const reason = correction.reason.replace(/\s+/g, " ");
  await database.db.transaction().execute(async (trx) => {
    if (!(await updateRegistration(trx, id, { purchase_date: correction.purchaseDate })))
      throw notFound("registration");
    await insertPurchaseDateEvent(trx, {
      registration_id: id,
      date: correction.purchaseDate,
      source: "customer-service",
      staff_role: actor.role,
      staff_number: await staffNumber(trx, actor, at),
      reason,
      at: at.toISOString(),
    });
    await scheduleReminders(trx, config, at, [id]);
    await audit(trx, {
      actor,
      action: "registration.purchase_date_corrected",
      ownerId: row.owner_id,
      subjectType: "registration",
      subjectId: id,
      detail: { from: row.purchase_date, to: correction.purchaseDate, reason },
      at,
    });
  });
  const [registration, histories] = await Promise.all([
    readRegistration(database, config, clock, actor, id),
    purchaseDateHistories(database.db, [row]),
  ]);
  return { registration, purchaseDateHistory: histories.get(id) ?? [] };
}

/**
 * Removes a product from My products, which releases the unit for another owner to register; its
 * reminders stop with it.
 */
export async function removeProduct(
  database: Database,
  config: Config,
  clock: Clock,
  actor: Actor,
  id: string,
): Promise<void> {
  const row = await changeableRow(database, actor, id);
  const at = clock.now();
  await database.db.transaction().execute(async (trx) => {
    // Two removals at once: the one that changed the row writes the audit entry, the other is a 404.
    const removed = await changingOwnedModels(trx, [row.owner_id], () =>
      removeRegistration(trx, id, at.toISOString()),
    );
    if (!removed) throw notFound("registration");
    await scheduleReminders(trx, config, at, [id]);
    // Points still pending for the product are taken back (a reversal row); those that count stay.
    await reverseRegistrationPoints(trx, at, id);
    await audit(trx, {
      actor,
      action: "registration.removed",
      ownerId: row.owner_id,
      subjectType: "registration",
      subjectId: id,
      detail: { serial: row.unit_serial },
      at,
    });
  });
}
