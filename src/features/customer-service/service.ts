import type { Kysely } from "kysely";
import type { Database } from "../../db/database.ts";
import { type Tables, toInstant } from "../../db/tables.ts";
import type { Clock } from "../../domain/clock.ts";
import { readSearchTerm } from "../../domain/customer-search.ts";
import { interpretIdentifier, normalizeIdentifier } from "../../domain/identifier.ts";
import { lookAlikeKey } from "../../domain/look-alike.ts";
import type { Actor } from "../../server/actor.ts";
import { authorize } from "../../server/policy.ts";
import { noteStaffSearch } from "../access-log/service.ts";
import { findOpenRepairOfRegistration, findRepairByNumber } from "../repairs/queries.ts";
import { findUnitByImei } from "../units/queries.ts";
import { lookUpSerial, type UnitRecord } from "../units/service.ts";
import {
  type CustomerRow,
  findClaimWithOwner,
  findCustomerByEmail,
  findCustomersByNamePrefix,
  findCustomersByPhoneKey,
  findOwnerNames,
  findRegisteredUnit,
} from "./queries.ts";
import type { CustomerSearchResult, StaffCustomer, StaffProduct } from "./schemas.ts";

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
  clock: Clock,
  actor: Actor,
  identifier: string,
): Promise<StaffProduct[]> {
  authorize(actor, { kind: "customer.find" });
  const products = await registeredProductsNamed(db, identifier);
  await noteStaffSearch(
    db,
    actor,
    { via: "identifier", ownerIds: products.map((p) => p.ownerId) },
    clock.now(),
  );
  return products;
}

async function registeredProductsNamed(db: Kysely<Tables>, identifier: string): Promise<StaffProduct[]> {
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
      ownerId: row.owner_id,
      ownerName: row.owner_name,
      ownerEmail: row.owner_email,
      registeredAt: row.registered_at,
      openRepairId: open?.id ?? null,
    });
  }
  return found;
}

/** At most this many customers for one name or phone: the agent narrows a longer list. */
export const CUSTOMER_HITS = 20;

/** The ways a name's start is typed that the index is read by: as typed, lower case, capitalized. */
function namePrefixes(typed: string): string[] {
  const capitalized = typed
    .toLowerCase()
    .replace(/(^|[\s-])(\p{L})/gu, (_, gap: string, letter: string) => gap + letter.toUpperCase());
  return [...new Set([typed, typed.toLowerCase(), capitalized])];
}

const customerHit =
  (match: StaffCustomer["match"]) =>
  (row: CustomerRow): StaffCustomer => ({
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone ?? null,
    match,
  });

/**
 * The one search box of customer service: the term is read once (`readSearchTerm`) and looked up
 * only where it can be, each through an index: an e-mail address, a phone number, a claim or repair
 * number, or else a serial or IMEI (look-alikes folded) and the start of a name.
 *
 * @example await searchForStaff(database, agent, "912 34 567") // { customers: [{ match: "phone", … }], … }
 */
export async function searchForStaff(
  database: Database,
  clock: Clock,
  actor: Actor,
  raw: string,
): Promise<CustomerSearchResult> {
  authorize(actor, { kind: "customer.find" });
  const { db } = database;
  const result: CustomerSearchResult = { customers: [], products: [], claims: [], repairs: [] };
  const term = readSearchTerm(raw);
  switch (term.kind) {
    case "email":
      result.customers = (await findCustomerByEmail(db, term.value)).map(customerHit("email"));
      break;
    case "phone":
      result.customers = (await findCustomersByPhoneKey(db, term.key, CUSTOMER_HITS)).map(
        customerHit("phone"),
      );
      break;
    case "claim": {
      const claim = await findClaimWithOwner(db, term.value);
      if (claim) {
        result.claims = [
          {
            id: claim.id,
            status: claim.status,
            registrationId: claim.registration_id,
            createdAt: toInstant(claim.created_at),
            ownerId: claim.owner_id,
            ownerName: claim.owner_name,
            productNames: claim.name_nb && claim.name_en ? { nb: claim.name_nb, en: claim.name_en } : null,
          },
        ];
      }
      break;
    }
    case "repair-number": {
      const repair = await findRepairByNumber(db, term.value);
      if (repair) {
        const names = await findOwnerNames(db, [repair.owner_id]);
        result.repairs = [
          {
            id: repair.id,
            requestNumber: repair.request_number,
            jobNumber: repair.job_number,
            status: repair.status,
            registrationId: repair.registration_id,
            ownerId: repair.owner_id,
            ownerName: names.get(repair.owner_id) ?? "",
            productNames: { nb: repair.name_nb, en: repair.name_en },
          },
        ];
      }
      break;
    }
    case "text": {
      const [products, named] = await Promise.all([
        term.identifier.length <= 40 ? registeredProductsNamed(db, term.identifier) : [],
        term.namePrefix
          ? findCustomersByNamePrefix(database, namePrefixes(term.identifier), CUSTOMER_HITS)
          : [],
      ]);
      result.products = products;
      result.customers = named.map(customerHit("name"));
      break;
    }
  }
  // Each owner the answer shows is told of it (reason "search"), once.
  const ownerIds = [
    ...result.customers.map((c) => c.id),
    ...result.products.map((p) => p.ownerId),
    ...result.claims.map((c) => c.ownerId),
    ...result.repairs.map((r) => r.ownerId),
  ];
  await noteStaffSearch(db, actor, { via: "search-box", ownerIds }, clock.now());
  return result;
}
