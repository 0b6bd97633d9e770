import { z } from "zod";
import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import { Problem } from "../../server/problem.ts";
import { upsertDiscovered } from "../registration/discovered.ts";

/** The smart-home platform's event (R6), documented in the OpenAPI document. */
export const smarthomeEventSchema = z.strictObject({
  id: z
    .string()
    .min(1)
    .max(100)
    .meta({ description: "Unique per event: a replay with the same id changes nothing." }),
  type: z.enum(["device.paired", "device.removed"]),
  occurredAt: z.iso.datetime(),
  account: z.strictObject({
    email: z.email().meta({ description: "The owner's account, linked in the smart-home app." }),
  }),
  device: z.strictObject({
    id: z.string().min(1).max(200).meta({ description: "The platform's id of the device." }),
    manufacturer: z.string().max(100),
    oem: z
      .boolean()
      .default(false)
      .meta({ description: "Made by a partner factory: kept, not offered for registration." }),
    model: z.string().max(64).optional(),
    serial: z.string().max(60).optional(),
    name: z.string().max(100).optional(),
  }),
});
export type SmarthomeEvent = z.infer<typeof smarthomeEventSchema>;

/**
 * Applies a pairing event: a paired device of our brand with a known serial appears under
 * Unregistered products with a Register button; a partner-made one, or one without a serial, is
 * kept but not offered; a removal takes it off the list (a registered product stays registered).
 */
export async function applySmarthomeEvent(database: Database, config: Config, event: SmarthomeEvent) {
  const owner = await database.db
    .selectFrom("user")
    .select("id")
    .where("email", "=", event.account.email.toLowerCase())
    .executeTakeFirst();
  if (!owner) throw new Problem("webhook.unknown_account", "No account has this email address.");
  return database.db.transaction().execute(async (trx) => {
    const fresh = await trx
      .insertInto("webhook_event")
      .values({ source: "smarthome", event_id: event.id, received_at: new Date().toISOString() })
      .onConflict((oc) => oc.columns(["source", "event_id"]).doNothing())
      .executeTakeFirst();
    if (Number(fresh.numInsertedOrUpdatedRows ?? 0) === 0) return { status: "duplicate" as const };

    if (event.type === "device.removed") {
      await trx
        .updateTable("discovered_device")
        .set({ removed_at: new Date().toISOString() })
        .where("owner_id", "=", owner.id)
        .where("source", "=", "smarthome")
        .where("external_id", "=", event.device.id)
        .execute();
      return { status: "applied" as const };
    }

    await upsertDiscovered(trx, {
      ownerId: owner.id,
      source: "smarthome",
      externalId: event.device.id,
      serial: event.device.serial,
      model: event.device.model,
      name: event.device.name,
      ours: event.device.manufacturer.trim().toLowerCase() === config.brandName.toLowerCase(),
      oem: event.device.oem,
      at: event.occurredAt,
    });
    return { status: "applied" as const };
  });
}
