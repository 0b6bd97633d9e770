import { completeImei } from "../src/domain/imei.ts";
import type { Role } from "../src/features/accounts/auth.ts";
import { importUnits } from "../src/features/units/import.ts";
import { type SignedIn, signedInUser, type TestApp } from "./harness.ts";

/**
 * Factories with valid defaults: each call makes a record no other test has seen, so tests never
 * share rows or depend on each other's order. The catalogue (`seedCatalogue`) is the one shared,
 * read-only fixture.
 */

export type UnitKind = "phone" | "tv" | "fridge" | "ssd";

export interface FreshUnit {
  kind: UnitKind;
  serial: string;
  /** Phones only. */
  imei: string | null;
  model: string;
}

// Sequence characters without the look-alike letters, so a fresh serial never has a twin.
const SEQUENCE_ALPHABET = "0123456789ACDEFGHJKLMNPRTUVWXY";
let made = 0;

function sequence(n: number, length: number): string {
  let out = "";
  let rest = n;
  for (let i = 0; i < length; i++) {
    out = SEQUENCE_ALPHABET[rest % SEQUENCE_ALPHABET.length] + out;
    rest = Math.floor(rest / SEQUENCE_ALPHABET.length);
  }
  return out;
}

/**
 * The next unit of a kind, of a demo-catalogue model, with a serial of our scheme (made March
 * 2023, year letter T) and, for a phone, an IMEI that passes the Luhn check. Not yet in the
 * registry: `freshUnit` puts it there.
 */
export function nextUnit(kind: UnitKind = "phone"): FreshUnit {
  made++;
  // Far from the fixed units of `UNITS` (sequences 0050–0091), so the two never meet.
  const n = 100_000 + made;
  switch (kind) {
    case "phone":
      return {
        kind,
        serial: `RK3T3${sequence(n, 6)}`,
        imei: completeImei(`352099${String(n).padStart(8, "0")}`),
        model: "NX-P24-128",
      };
    case "tv":
      return { kind, serial: `TVH55HAT3${sequence(n, 6)}`, imei: null, model: "NX-H24-55" };
    case "fridge":
      return { kind, serial: `RF195HAT3${sequence(n, 6)}`, imei: null, model: "NX-RF24-195" };
    case "ssd":
      return { kind, serial: `SSD23A${String(n).padStart(6, "0")}`, imei: null, model: "NX-SSD23-1T" };
  }
}

/** A new unit in the registry (the catalogue must be seeded). */
export async function freshUnit(t: TestApp, kind: UnitKind = "phone"): Promise<FreshUnit> {
  const unit = nextUnit(kind);
  async function* lines() {
    yield JSON.stringify({
      serial: unit.serial,
      model: unit.model,
      ...(unit.imei ? { imei1: unit.imei } : {}),
    });
  }
  const summary = await importUnits(t.database, lines(), { format: "ndjson" });
  if (summary.rejected > 0) throw new Error(`the fresh ${kind} ${unit.serial} was rejected`);
  return unit;
}

/** A new verified owner (or staff member) with a cookie session and a bearer token. */
export function freshOwner(t: TestApp, role: Role = "customer"): Promise<SignedIn> {
  return signedInUser(t, role);
}

export interface RegisteredProduct {
  owner: SignedIn;
  unit: FreshUnit;
  registrationId: string;
}

/**
 * A fresh owner who has registered a fresh unit through the API, as the web does.
 *
 * @example const { owner, registrationId } = await registeredProduct(t, { kind: "tv" });
 */
export async function registeredProduct(
  t: TestApp,
  options: { kind?: UnitKind; owner?: SignedIn; purchaseDate?: string } = {},
): Promise<RegisteredProduct> {
  const owner = options.owner ?? (await freshOwner(t));
  const unit = await freshUnit(t, options.kind ?? "phone");
  const res = await t.app.inject({
    method: "POST",
    url: "/api/v1/registrations",
    headers: owner.headers,
    payload: {
      identifier: unit.serial,
      ...(options.purchaseDate ? { purchaseDate: options.purchaseDate } : {}),
    },
  });
  if (res.statusCode !== 201)
    throw new Error(`registering ${unit.serial} failed: ${res.statusCode} ${res.body}`);
  return { owner, unit, registrationId: res.json().id as string };
}
