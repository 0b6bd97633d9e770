import { randomBytes } from "node:crypto";
import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import { newRowId } from "../../db/row-id.ts";
import { toInstant } from "../../db/tables.ts";
import type { Clock } from "../../domain/clock.ts";
import { normalizeIdentifier } from "../../domain/identifier.ts";
import { Problem } from "../../server/problem.ts";
import { hashKey, partnerOfKey } from "../repairs/network.ts";
import type { WarrantyEstimate } from "../warranty/schemas.ts";
import { unitWarranties, type WarrantyUnitRow } from "../warranty/service.ts";
import {
  findActiveLookupClientByKeyHash,
  findLookupClient,
  insertLookupClient,
  listActiveRegistrationDates,
  listLookupClients,
  listUnitsByIdentifiers,
  revokeLookupClient,
} from "./queries.ts";
import {
  DEFAULT_PER_MINUTE,
  type LookedUpUnit,
  type LookupClient,
  type LookupClientCreated,
  type LookupClientInput,
} from "./schemas.ts";

/**
 * The partners' warranty look-up (DESIGN B9): a retailer or service partner sends the serials or
 * IMEIs of units it holds and gets each unit's warranty, never who owns it. The whole batch is
 * read in a fixed number of statements whatever its size: the units, their active registrations,
 * then the warranty engine's own batched reads.
 */

/** Who is calling: a look-up client's key, or a service partner's key (partners may look up too). */
export interface LookupCredential {
  kind: "client" | "partner";
  id: string;
  name: string;
  perMinute: number;
}

/**
 * The credential of the key a request sends in `x-partner-key`: a look-up client's (not revoked)
 * or else a service partner's. 401 `partner.key_required` without one, `partner.key_invalid` for
 * any other key.
 *
 * @example
 * const caller = await lookupCredentialOf(database, request.headers["x-partner-key"]);
 */
export async function lookupCredentialOf(
  database: Database,
  sent: string | string[] | undefined,
): Promise<LookupCredential> {
  if (typeof sent === "string" && sent.length > 0 && sent.length <= 200) {
    const client = await findActiveLookupClientByKeyHash(database.db, hashKey(sent));
    if (client) return { kind: "client", id: client.id, name: client.name, perMinute: client.per_minute };
  }
  const partner = await partnerOfKey(database, sent);
  return { kind: "partner", id: partner.id, name: partner.name, perMinute: DEFAULT_PER_MINUTE };
}

/**
 * Gives a partner a look-up key: `wl_` and 32 random base64url characters, shown once; only its
 * SHA-256 is kept.
 *
 * @example
 * const { key } = await createLookupClient(database, clock, { name: "Elkjøp", perMinute: 120 });
 */
export async function createLookupClient(
  database: Database,
  clock: Clock,
  input: LookupClientInput,
): Promise<LookupClientCreated> {
  const key = `wl_${randomBytes(24).toString("base64url")}`;
  const id = newRowId();
  const perMinute = input.perMinute ?? DEFAULT_PER_MINUTE;
  await insertLookupClient(database.db, {
    id,
    name: input.name,
    keyHash: hashKey(key),
    perMinute,
    at: clock.now(),
  });
  return { id, name: input.name, perMinute, key };
}

/** Every look-up client, revoked ones too, without their keys (only hashes are kept anyway). */
export async function lookupClients(database: Database): Promise<LookupClient[]> {
  const rows = await listLookupClients(database.db);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    perMinute: r.per_minute,
    createdAt: toInstant(r.created_at),
    revokedAt: r.revoked_at === null ? null : toInstant(r.revoked_at),
  }));
}

/**
 * Revokes a client's key: its next call is 401. Revoking again changes nothing; an unknown id is
 * 404 `lookup_client.not_found`.
 *
 * @example
 * await revokeLookupClientKey(database, clock, "019ad5c2-8c1e-7b3a-9f1d-4e2a6c0b5d77");
 */
export async function revokeLookupClientKey(database: Database, clock: Clock, id: string): Promise<void> {
  if (!(await findLookupClient(database.db, id)))
    throw new Problem("lookup_client.not_found", `No look-up client ${id}.`);
  await revokeLookupClient(database.db, id, clock.now());
}

type Asked = { kind: "serial" | "imei"; value: string } | null;

/** What one identifier asks for, normalized as everywhere in the portal; null when it cannot name a unit. */
function readIdentifier(sent: string): Asked {
  const value = normalizeIdentifier(sent);
  if (!/^[A-Z0-9]+$/.test(value)) return null;
  return /^\d{15}$/.test(value) ? { kind: "imei", value } : { kind: "serial", value };
}

type UnitRow = Awaited<ReturnType<typeof listUnitsByIdentifiers>>[number] &
  WarrantyUnitRow & { registered: boolean };

/** One found unit as a partner sees it: the warranty without the owner, nor a repair's number. */
function presentUnit(identifier: string, unit: UnitRow, warranty: WarrantyEstimate): LookedUpUnit {
  return {
    identifier,
    found: true,
    serial: unit.unit_serial,
    model: {
      code: unit.model_code,
      names: { nb: unit.name_nb, en: unit.name_en },
      categoryCode: unit.category_code,
    },
    manufacturedOn: unit.manufactured_on,
    registered: unit.registered,
    start: warranty.start,
    coverages: warranty.coverages.map((c) => ({
      kind: c.kind,
      name: c.name,
      // A repair's reference is our internal request number; an extended warranty's is the product's code.
      reference: c.kind === "extended" ? c.reference : null,
      start: c.start,
      end: c.end,
      basis: c.basis,
      covers: c.covers,
      status: c.status,
    })),
    statutory: warranty.statutory && {
      years: warranty.statutory.years,
      start: warranty.statutory.start,
      end: warranty.statutory.end,
      basis: warranty.statutory.basis,
      status: warranty.statutory.status,
    },
    statutoryYears: warranty.statutoryYears,
    standing: warranty.standing,
  };
}

/**
 * The warranty of each unit asked for, in the order asked, one entry per identifier: an unknown
 * or malformed identifier is `found: false`, never a refusal of the batch.
 *
 * @example
 * const units = await lookUpWarranties(database, config, clock, ["RK3T3AC0050", "352099001761481"]);
 */
export async function lookUpWarranties(
  database: Database,
  config: Config,
  clock: Clock,
  identifiers: readonly string[],
): Promise<LookedUpUnit[]> {
  const asked = identifiers.map(readIdentifier);
  const values = (kind: "serial" | "imei") => [
    ...new Set(asked.flatMap((a) => (a?.kind === kind ? [a.value] : []))),
  ];
  const units = await listUnitsByIdentifiers(database.db, values("serial"), values("imei"));
  const dates = new Map(
    (
      await listActiveRegistrationDates(
        database.db,
        units.map((u) => u.unit_serial),
      )
    ).map((r) => [r.unit_serial, r.purchase_date]),
  );
  const rows: UnitRow[] = units.map((u) => ({
    ...u,
    registered: dates.has(u.unit_serial),
    purchase_date: dates.get(u.unit_serial) ?? null,
  }));
  const warranties = await unitWarranties(
    database.db,
    config,
    rows,
    clock.now(),
    (u) => u.unit_serial,
    (u) => u.registered,
  );
  const bySerial = new Map(rows.map((u) => [u.unit_serial, u]));
  const byImei = new Map(
    rows.flatMap((u) => [u.imei1, u.imei2].flatMap((imei) => (imei ? [[imei, u] as const] : []))),
  );
  return identifiers.map((identifier, i) => {
    const a = asked[i];
    const unit = a ? (a.kind === "serial" ? bySerial : byImei).get(a.value) : undefined;
    const warranty = unit && warranties.get(unit.unit_serial);
    return unit && warranty ? presentUnit(identifier, unit, warranty) : { identifier, found: false };
  });
}
