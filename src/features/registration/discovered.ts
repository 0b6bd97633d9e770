import type { Kysely } from "kysely";
import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import { type Tables, toBool } from "../../db/tables.ts";
import type { Clock } from "../../domain/clock.ts";
import { normalizeIdentifier } from "../../domain/identifier.ts";
import type { Actor } from "../../server/actor.ts";
import { authorize } from "../../server/policy.ts";
import { notFound, Problem } from "../../server/problem.ts";
import { findUnitBySerial } from "../units/queries.ts";
import { findDiscoveredDevice, removeDiscoveredDevice, upsertDiscoveredDevice } from "./queries.ts";
import { register } from "./register.ts";
import type { Channel, DiscoveredReport, RegistrationView } from "./schemas.ts";

export type DiscoverySource = "smarthome" | "wifi" | "tv";

/** A device found by a source, as the source names it. */
export interface DiscoveredDeviceKey {
  ownerId: string;
  source: DiscoverySource;
  externalId: string;
}

/**
 * Records a device found by the smart-home app, a TV or a Wi-Fi scan under the owner's
 * Unregistered products. It is offered for one-click registration only when it is ours, not made
 * by a partner factory, and its serial names a unit in the registry. Takes the caller's
 * transaction, so a webhook's deduplication and the device are written together.
 *
 * @example
 * await upsertDiscovered(trx, { ownerId, source: "smarthome", externalId: "d-1", serial: "RK3T3AC0050",
 *   model: null, name: "Kitchen TV", ours: true, oem: false, at: event.occurredAt });
 */
export async function upsertDiscovered(
  db: Kysely<Tables>,
  input: DiscoveredDeviceKey & {
    serial: string | null | undefined;
    model: string | null | undefined;
    name: string | null | undefined;
    ours: boolean;
    oem: boolean;
    at: string;
  },
): Promise<{ offered: boolean }> {
  const serial = input.serial ? normalizeIdentifier(input.serial) : null;
  const unit = serial ? await findUnitBySerial(db, serial) : undefined;
  const offered = input.ours && !input.oem && unit !== undefined;
  await upsertDiscoveredDevice(
    db,
    { owner_id: input.ownerId, source: input.source, external_id: input.externalId },
    {
      unit_serial: unit?.serial ?? serial,
      model_code: unit?.model_code ?? input.model ?? null,
      display_name: input.name ?? null,
      offered,
      discovered_at: input.at,
    },
  );
  return { offered };
}

/** Takes a device off the owner's Unregistered products (a registered product stays registered). */
export async function removeDiscovered(
  db: Kysely<Tables>,
  device: DiscoveredDeviceKey & { at: string },
): Promise<void> {
  await removeDiscoveredDevice(
    db,
    { owner_id: device.ownerId, source: device.source, external_id: device.externalId },
    device.at,
  );
}

/**
 * The members app's Wi-Fi scan (UPnP descriptions): every device goes on the owner's list, and
 * the answer says which ones can be registered with one click. Ours is decided on the
 * manufacturer the device reports.
 */
export async function reportScan(
  database: Database,
  config: Config,
  clock: Clock,
  actor: Actor,
  report: DiscoveredReport,
): Promise<{ devices: { udn: string; offered: boolean }[] }> {
  const at = clock.now().toISOString();
  const brand = config.brandName.toLowerCase();
  return database.db.transaction().execute(async (trx) => {
    const devices = [];
    for (const d of report.devices) {
      const { offered } = await upsertDiscovered(trx, {
        ownerId: actor.userId,
        source: "wifi",
        externalId: d.udn,
        serial: d.serialNumber,
        model: d.modelNumber,
        name: d.friendlyName ?? d.modelName,
        ours: d.manufacturer.trim().toLowerCase() === brand,
        oem: false,
        at,
      });
      devices.push({ udn: d.udn, offered });
    }
    return { devices };
  });
}

const CHANNEL_OF_SOURCE: Record<string, Channel> = { smarthome: "smarthome", tv: "tv", wifi: "app-wifi" };

/**
 * Registers a product the owner's smart-home app, TV or Wi-Fi scan found (Unregistered
 * products): the owner only says yes. Devices without a serial, or made by a partner factory,
 * are not offered and must be registered by serial.
 *
 * @throws Problem `discovered_device.not_found`, `auth.forbidden` (another owner's device),
 *   `discovered.not_offered`, or what registering answers
 */
export async function registerDiscovered(
  database: Database,
  config: Config,
  clock: Clock,
  actor: Actor,
  discoveredId: string,
): Promise<RegistrationView> {
  const device = await findDiscoveredDevice(database.db, discoveredId);
  if (!device) throw notFound("discovered_device");
  authorize(actor, { kind: "discovered.register", ownerId: device.owner_id });
  if (!device.unit_serial || !toBool(device.offered)) {
    throw new Problem(
      "discovered.not_offered",
      "This device cannot be registered automatically: register it by serial number.",
    );
  }
  return register(
    database,
    config,
    clock,
    actor,
    { identifier: device.unit_serial },
    CHANNEL_OF_SOURCE[device.source] ?? "app-wifi",
  );
}
