import { demoModels } from "../src/cli/demo-data.ts";
import { completeImei } from "../src/domain/imei.ts";
import { encodeSerial } from "../src/domain/serial-scheme.ts";
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

/** The demo-catalogue model of each kind. */
const MODELS = {
  phone: "NX-P24-128",
  tv: "NX-H24-55",
  fridge: "NX-RF24-195",
  ssd: "NX-SSD23-1T",
} as const satisfies Record<UnitKind, string>;

/** When every fresh unit was made: March of its model year, 2024 (year letter T). */
const MADE = { year: 2024, month: 3 } as const;
/** The factory of every fresh 11-character serial. */
const FACTORY = "K3";

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
 * A serial of our scheme for a model, built by `encodeSerial` from the model's family (11
 * characters) or product-line code (15) in the catalogue, so that it follows the scheme and the
 * catalogue as they are.
 */
function schemeSerial(model: string, sequence: string): string {
  const { family, lineCode } = demoModels.find((m) => m.code === model) ?? {};
  if (family) return encodeSerial({ length: 11, family, factory: FACTORY, ...MADE, sequence });
  if (lineCode) return encodeSerial({ length: 15, lineCode, ...MADE, sequence });
  throw new Error(`the demo catalogue gives ${model} neither a family nor a product-line code`);
}

/**
 * The next unit of a kind, of a demo-catalogue model, with a serial of our scheme (made March
 * 2024) and, for a phone, an IMEI that passes the Luhn check. An SSD's serial is its supplier's,
 * outside our scheme. Not yet in the registry: `freshUnit` puts it there.
 */
export function nextUnit(kind: UnitKind = "phone"): FreshUnit {
  made++;
  // Far from the fixed units of `UNITS` (sequences 0050–0091), so the two never meet.
  const n = 100_000 + made;
  const model = MODELS[kind];
  switch (kind) {
    case "phone":
      return {
        kind,
        serial: schemeSerial(model, sequence(n, 6)),
        imei: completeImei(`352099${String(n).padStart(8, "0")}`),
        model,
      };
    case "tv":
    case "fridge":
      return { kind, serial: schemeSerial(model, sequence(n, 6)), imei: null, model };
    case "ssd":
      // SSDs have no identifier rule: the registry stores a supplier's serial as it is.
      return { kind, serial: `SSD23A${String(n).padStart(6, "0")}`, imei: null, model };
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

let deviceGrants = 0;

export interface DeviceSignIn {
  token: string;
  /** The TV the token was issued to (a fresh TV unit), or null for the scanner. */
  unit: FreshUnit | null;
  headers: { authorization: string };
}

/**
 * A device token from the whole device grant, as a TV or the Wi-Fi scanner gets it: the device
 * asks, the owner agrees, the device polls. A TV names a fresh TV unit (seed the catalogue first).
 * Each grant comes from its own client address, so the per-address limit never trips.
 *
 * @example const tv = await deviceToken(t, owner, "tv"); // tv.headers for POST /api/v1/tv/register
 */
export async function deviceToken(
  t: TestApp,
  owner: SignedIn,
  client: "tv" | "scanner" = "tv",
): Promise<DeviceSignIn> {
  deviceGrants++;
  const remoteAddress = `10.250.${(deviceGrants >> 8) & 255}.${deviceGrants & 255}`;
  const unit = client === "tv" ? await freshUnit(t, "tv") : null;
  const form = (url: string, fields: Record<string, string>) =>
    t.app.inject({
      method: "POST",
      url,
      remoteAddress,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams(fields).toString(),
    });
  const clientId = client === "tv" ? "tv" : "wifi-scan";
  const started = await form("/oauth/device_authorization", {
    client_id: clientId,
    ...(unit ? { serial: unit.serial, model: unit.model } : {}),
  });
  if (started.statusCode !== 200) throw new Error(`device grant refused: ${started.body}`);
  const grant = started.json() as { device_code: string; user_code: string };
  const decision = await t.app.inject({
    method: "POST",
    url: `/api/v1/device/${grant.user_code}/decision`,
    headers: owner.headers,
    payload: { approve: true },
  });
  if (decision.statusCode !== 204) throw new Error(`device approval failed: ${decision.body}`);
  const polled = await form("/oauth/token", {
    grant_type: "urn:ietf:params:oauth:grant-type:device_code",
    device_code: grant.device_code,
    client_id: clientId,
  });
  if (polled.statusCode !== 200) throw new Error(`device token refused: ${polled.body}`);
  const token = polled.json().access_token as string;
  return { token, unit, headers: { authorization: `Bearer ${token}` } };
}
