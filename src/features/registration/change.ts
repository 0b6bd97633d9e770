import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import type { Clock } from "../../domain/clock.ts";
import type { Actor } from "../../server/actor.ts";
import { authorize } from "../../server/policy.ts";
import { notFound } from "../../server/problem.ts";
import { audit } from "../audit/service.ts";
import { scheduleReminders } from "../warranty/service.ts";
import { checkPurchaseDate } from "./purchase-date.ts";
import { findRegistration, removeRegistration, updateRegistration } from "./queries.ts";
import { readRegistration } from "./read.ts";
import type { RegistrationPatch, RegistrationView } from "./schemas.ts";

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
    if (patch.purchaseDate !== undefined) await scheduleReminders(trx, config, clock.now(), [id]);
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
    if (!(await removeRegistration(trx, id, at.toISOString()))) throw notFound("registration");
    await scheduleReminders(trx, config, at, [id]);
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
