import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/database.ts";
import { type Tables, toBool } from "../../db/tables.ts";
import type { Clock } from "../../domain/clock.ts";
import { isLocale } from "../../messages/catalog.ts";
import { type Actor, DEVICE_TOKEN_PREFIX } from "../../server/actor.ts";
import { deleteDeviceTokensExpiredBefore, findLiveDeviceToken, insertDeviceToken } from "./queries.ts";

/** The clients that sign in by device code. */
export type DeviceClient = "tv" | "scanner";

/**
 * The device clients we know, by the `client_id` they send (public clients, RFC 8628 §3.1). The
 * kind decides what the token reaches, so it follows from the client, never from a field the
 * device could choose per request.
 */
const DEVICE_CLIENTS: Readonly<Record<string, DeviceClient>> = {
  tv: "tv",
  "tv-simulator": "tv",
  "wifi-scan": "scanner",
};

/** @example deviceClientOf("wifi-scan") // "scanner" */
export function deviceClientOf(clientId: string): DeviceClient | null {
  return Object.hasOwn(DEVICE_CLIENTS, clientId) ? (DEVICE_CLIENTS[clientId] ?? null) : null;
}

/**
 * How long a device token lasts. A TV registers itself seconds after the owner agrees; an hour
 * covers a TV switched off or offline half-way, and the token can do nothing but register that TV.
 * The scanner reports what it found right after signing in; two hours let the owner scan again
 * from another room in the same sitting, and its token can do nothing but report devices.
 */
export const DEVICE_TOKEN_SECONDS: Readonly<Record<DeviceClient, number>> = {
  tv: 60 * 60,
  scanner: 2 * 60 * 60,
};

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * Issues a device token: random, stored only as a hash, bound to its client kind, the owner and
 * the TV the owner agreed to. Expired tokens are swept as new ones are issued.
 */
export async function issueDeviceToken(
  db: Kysely<Tables>,
  clock: Clock,
  grant: {
    client: DeviceClient;
    ownerId: string;
    clientId: string;
    serial: string | null;
    model: string | null;
  },
): Promise<{ token: string; expiresIn: number }> {
  const now = clock.now();
  const expiresIn = DEVICE_TOKEN_SECONDS[grant.client];
  const token = `${DEVICE_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  await deleteDeviceTokensExpiredBefore(db, now.toISOString());
  await insertDeviceToken(db, {
    token_hash: hash(token),
    client: grant.client,
    owner_id: grant.ownerId,
    client_id: grant.clientId,
    tv_serial: grant.serial,
    tv_model: grant.model,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + expiresIn * 1000).toISOString(),
  });
  return { token, expiresIn };
}

/** The actor a device token stands for, while it lasts; null for an unknown or expired token. */
export async function deviceTokenActor(
  database: Database,
  clock: Clock,
  token: string,
): Promise<Actor | null> {
  const row = await findLiveDeviceToken(database.db, hash(token), clock.now().toISOString());
  if (!row || (row.client !== "tv" && row.client !== "scanner")) return null;
  return {
    userId: row.userId,
    email: row.email,
    name: row.name,
    // A device acts as an owner whoever approved it: a staff member's TV has no staff powers.
    role: "customer",
    locale: isLocale(row.locale) ? row.locale : "nb",
    emailVerified: toBool(row.emailVerified),
    sessionId: row.token_hash,
    client: row.client,
    device: row.client === "tv" ? { serial: row.tv_serial, model: row.tv_model } : null,
  };
}
