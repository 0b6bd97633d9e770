import type { Kysely } from "kysely";
import type { Tables } from "../../db/tables.ts";
import { interpretIdentifier, normalizeIdentifier } from "../../domain/identifier.ts";
import { lookAlikeKey } from "../../domain/look-alike.ts";
import type { Actor } from "../../server/actor.ts";
import { authorize } from "../../server/policy.ts";
import { findOpenRepairOfRegistration } from "../repairs/queries.ts";
import { findUnitByImei } from "../units/queries.ts";
import { lookUpSerial, type UnitRecord } from "../units/service.ts";
import { findRegisteredUnit } from "./queries.ts";
import type { StaffProduct } from "./schemas.ts";

/**
 * The units an identifier read out on the phone names: by IMEI when it reads as one, else by
 * serial; when no serial matches exactly, those that differ by look-alike characters (O typed
 * for 0), and the phone whose IMEI it is once its letters are read as the digits they look like.
 */
async function unitsNamed(db: Kysely<Tables>, raw: string): Promise<{ unit: UnitRecord; exact: boolean }[]> {
  const normalized = normalizeIdentifier(raw);
  const reading = interpretIdentifier(raw);
  if (reading.kind === "imei") {
    const unit = await findUnitByImei(db, reading.value);
    if (unit) return [{ unit, exact: true }];
  }
  const { exact, candidates } = await lookUpSerial(db, normalized);
  if (exact) return [{ unit: exact, exact: true }];
  const found = candidates.map((unit) => ({ unit, exact: false }));
  const folded = interpretIdentifier(lookAlikeKey(normalized));
  if (reading.kind !== "imei" && folded.kind === "imei") {
    const unit = await findUnitByImei(db, folded.value);
    if (unit && !found.some((f) => f.unit.serial === unit.serial)) found.push({ unit, exact: false });
  }
  return found;
}

/**
 * Customer service finds a registered product by the serial or IMEI the owner reads out, to act
 * for them (open a repair request). Units nobody has registered are left out: there is no owner
 * to act for. At most the look-alike index's few candidates, each one indexed read.
 *
 * @example await findProductsForStaff(db, agent, "HK3N3OOO12A") // [{ match: "look-alike", … }]
 */
export async function findProductsForStaff(
  db: Kysely<Tables>,
  actor: Actor,
  identifier: string,
): Promise<StaffProduct[]> {
  authorize(actor, { kind: "customer.find" });
  const found: StaffProduct[] = [];
  for (const { unit, exact } of await unitsNamed(db, identifier)) {
    const row = await findRegisteredUnit(db, unit.serial);
    if (!row) continue;
    const open = await findOpenRepairOfRegistration(db, row.id);
    found.push({
      registrationId: row.id,
      unitSerial: row.unit_serial,
      match: exact ? "exact" : "look-alike",
      productNames: { nb: row.name_nb, en: row.name_en },
      ownerName: row.owner_name,
      ownerEmail: row.owner_email,
      registeredAt: row.registered_at,
      openRepairId: open?.id ?? null,
    });
  }
  return found;
}
