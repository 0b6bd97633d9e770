import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import type { Clock } from "../../domain/clock.ts";
import { Problem } from "../../server/problem.ts";
import { findUserIdByEmail } from "../accounts/queries.ts";
import { removeDiscovered, upsertDiscovered } from "../registration/service.ts";
import { recordWebhookEvent } from "./queries.ts";
import type { SmarthomeEvent, SmarthomeEventResult } from "./schemas.ts";
import { checkWebhookSignature } from "./signature.ts";

/**
 * Checks that a delivery comes from the platform: signed with the shared secret over its exact
 * bytes, at a time within five minutes of the clock either way (so a captured delivery cannot be
 * replayed later).
 */
export function checkSmarthomeDelivery(
  config: Config,
  clock: Clock,
  headers: { timestamp: string | undefined; signature: string | undefined },
  raw: string,
): void {
  const secret = config.smarthomeWebhookSecret;
  if (!secret) throw new Problem("webhook.not_configured", "SMARTHOME_WEBHOOK_SECRET is not set.");
  const check = checkWebhookSignature(secret, headers, raw, clock.now());
  if (check === "stale") throw new Problem("webhook.stale", "The timestamp is more than five minutes off.");
  if (check !== "ok") throw new Problem("webhook.signature", "The signature is missing or wrong.");
}

/**
 * Applies a pairing event: a paired device of our brand with a known serial appears under
 * Unregistered products with a Register button; a partner-made one, or one without a serial, is
 * kept but not offered; a removal takes it off the list (a registered product stays registered).
 */
export async function applySmarthomeEvent(
  database: Database,
  config: Config,
  clock: Clock,
  event: SmarthomeEvent,
): Promise<SmarthomeEventResult> {
  const ownerId = await findUserIdByEmail(database, event.account.email.toLowerCase());
  if (!ownerId) throw new Problem("webhook.unknown_account", "No account has this email address.");
  const now = clock.now();
  return database.db.transaction().execute(async (trx) => {
    if (!(await recordWebhookEvent(trx, event.id, now))) return { status: "duplicate" as const };
    if (event.type === "device.removed") {
      await removeDiscovered(trx, {
        ownerId,
        source: "smarthome",
        externalId: event.device.id,
        at: now.toISOString(),
      });
      return { status: "applied" as const };
    }
    await upsertDiscovered(trx, {
      ownerId,
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
