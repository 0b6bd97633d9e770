import type { Kysely } from "kysely";
import type { Config } from "../../config/config.ts";
import type { Tables } from "../../db/tables.ts";
import { normalizeIdentifier } from "../../domain/identifier.ts";
import { lookAlikeKey } from "../../domain/look-alike.ts";
import { Problem } from "../../server/problem.ts";
import { findUnitBySerial, insertReplacementUnit, markUnitReplaced } from "../units/queries.ts";
import { confirmPurchaseByClaim } from "../warranty/confirmations.ts";
import { listProducts } from "../warranty/queries.ts";
import { scheduleReminders, warrantiesOf } from "../warranty/service.ts";
import { changingOwnedModels } from "./owned-models.ts";
import {
  activeRegistrationOfUnit,
  findRegistration,
  insertPurchaseDateEvent,
  insertRegistration,
  removeRegistration,
} from "./queries.ts";

/**
 * A service centre replaced the owner's unit with another: the new unit is registered to the
 * owner and the old one is marked replaced, in the transaction of the repair's outcome.
 *
 * The warranty rule (docs/repairs.md): the new unit takes the old one's place in the warranty, as
 * if the product had never been swapped. It keeps the stated purchase date; a confirmed purchase
 * date is confirmed for the new serial too; a unit the registry does not know yet takes the old
 * one's manufacture date. So the manufacturer's warranty and the statutory complaint period go on
 * from the original purchase, and the repair warranty runs from the day of the replacement
 * besides. No points are earned for a replacement.
 *
 * Returns the new registration's id; refuses a serial that is registered already.
 *
 * @example
 * const id = await registerReplacement(trx, config, at, { registrationId, serial: "TVH55HAT3C00099" });
 */
export async function registerReplacement(
  db: Kysely<Tables>,
  config: Config,
  at: Date,
  input: { registrationId: string; serial: string },
): Promise<string> {
  const old = await findRegistration(db, input.registrationId);
  if (!old)
    throw new Problem("registration.not_found", "The product of this repair is no longer registered.");
  const serial = normalizeIdentifier(input.serial);
  if (serial === old.unit_serial) return old.id;
  // A serial registered already (to anyone, the owner too) is not a unit from stock: refused.
  if (await activeRegistrationOfUnit(db, serial))
    throw new Problem("repair.replacement_taken", "The replacement serial is registered already.");
  const warranty = (await warrantiesOf(db, config, await listProducts(db, [old.id]), at)).get(old.id);
  if (!(await findUnitBySerial(db, serial)))
    await insertReplacementUnit(db, {
      serial,
      modelCode: old.model_code,
      market: old.market,
      manufacturedOn: old.manufactured_on,
      lookAlikeKey: lookAlikeKey(serial),
    });
  await markUnitReplaced(db, old.unit_serial, serial);
  const id = await changingOwnedModels(db, [old.owner_id], async () => {
    await removeRegistration(db, old.id, at.toISOString());
    return insertRegistration(db, {
      unit_serial: serial,
      owner_id: old.owner_id,
      channel: "repair-replacement",
      purchase_date: old.purchase_date,
      purchase_place: old.purchase_place,
      nickname: old.nickname,
      registered_at: at.toISOString(),
    });
  });
  if (old.purchase_date !== null)
    await insertPurchaseDateEvent(db, {
      registration_id: id,
      date: old.purchase_date,
      source: "replacement",
      at: at.toISOString(),
    });
  if (warranty?.manufacturer?.basis === "confirmed")
    await confirmPurchaseByClaim(db, config, {
      claimId: `replacement-${old.id}`,
      serial,
      confirmedOn: warranty.manufacturer.start,
      at,
    });
  await scheduleReminders(db, config, at, [old.id, id]);
  return id;
}
