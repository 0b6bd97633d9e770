import type { Kysely } from "kysely";
import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import type { Tables } from "../../db/tables.ts";
import { todayIn } from "../../domain/calendar-date.ts";
import type { Clock } from "../../domain/clock.ts";
import { normalizeIdentifier } from "../../domain/identifier.ts";
import { IMEI_LENGTH, UNRULED_SERIAL_LENGTHS } from "../../domain/identifier-rules.ts";
import { isValidImei } from "../../domain/imei.ts";
import type { ErrorCode } from "../../server/error-codes.ts";
import { readNdjsonLine } from "../../server/ndjson.ts";
import {
  findConfirmation,
  findConfirmedUnit,
  insertConfirmation,
  updateConfirmationDate,
  upsertClaimConfirmation,
} from "./queries.ts";
import { type ConfirmationInput, type ConfirmationResult, confirmationSchema } from "./schemas.ts";
import { scheduleRemindersOfUnit } from "./service.ts";

export class ConfirmationError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * Stores a confirmation; sending it again changes nothing, and a corrected date replaces the old
 * one. Kept even when the unit is not in the registry yet: it applies once the unit appears. A
 * date after today (in the portal's time zone, by the clock) is refused. A stored or changed date
 * moves the unit's registration's next reminder, in the same transaction.
 */
export async function receiveConfirmation(
  database: Database,
  clock: Clock,
  config: Config,
  input: ConfirmationInput,
): Promise<ConfirmationResult> {
  const now = clock.now();
  const today = todayIn(config.timeZone, now);
  const confirmedOn = input.source === "shop-order" ? input.deliveredOn : input.activatedOn;
  if (confirmedOn > today)
    throw new ConfirmationError("confirmation.date_future", "The date is in the future.");
  let serial: string | null = null;
  let imei: string | null = null;
  let reference: string;
  if (input.source === "activation") {
    imei = normalizeIdentifier(input.imei);
    if (!isValidImei(imei))
      throw new ConfirmationError("confirmation.imei_invalid", "The IMEI is not a valid 15-digit IMEI.");
    reference = imei;
  } else {
    const value = normalizeIdentifier(input.identifier);
    const { min, max } = UNRULED_SERIAL_LENGTHS;
    if (!/^[A-Z0-9]+$/.test(value) || value.length < min || value.length > Math.max(max, IMEI_LENGTH))
      throw new ConfirmationError(
        "confirmation.identifier_invalid",
        "The identifier is not a serial number or IMEI.",
      );
    if (value.length === IMEI_LENGTH && /^\d+$/.test(value)) {
      if (!isValidImei(value))
        throw new ConfirmationError("confirmation.imei_invalid", "The IMEI is not a valid 15-digit IMEI.");
      imei = value;
    } else {
      serial = value;
    }
    reference = input.orderId;
  }
  const unit = await findConfirmedUnit(database.db, serial ? { serial } : { imei: imei as string });
  if (unit?.manufactured_on && confirmedOn < unit.manufactured_on) {
    throw new ConfirmationError(
      "confirmation.date_before_manufacture",
      "The date is before the unit was made.",
    );
  }
  const dedupeKey = `${input.source}:${reference}:${serial ?? imei}`;
  const existing = await findConfirmation(database.db, dedupeKey);
  if (existing && existing.confirmed_on === confirmedOn)
    return { status: "unchanged", unitKnown: unit !== undefined };
  await database.db.transaction().execute(async (trx) => {
    if (existing) await updateConfirmationDate(trx, existing.id, confirmedOn);
    else
      await insertConfirmation(trx, {
        source: input.source,
        reference,
        serial,
        imei,
        confirmedOn,
        dedupeKey,
        receivedAt: now,
      });
    if (unit) await scheduleRemindersOfUnit(trx, config, now, serial ? { serial } : { imei: imei as string });
  });
  return { status: existing ? "updated" : "stored", unitKnown: unit !== undefined };
}

const MAX_LINES = 100_000;

/**
 * Confirmations from NDJSON lines (the bulk endpoint and the CLI): each line on its own, bad
 * lines reported with their number and reason, the rest stored.
 */
export async function receiveConfirmationLines(
  database: Database,
  clock: Clock,
  config: Config,
  lines: AsyncIterable<string>,
  onReject: (rejection: { line: number; reason: string }) => void,
) {
  const counts = { stored: 0, updated: 0, unchanged: 0, rejected: 0 };
  let line = 0;
  for await (const raw of lines) {
    line++;
    if (line > MAX_LINES)
      throw new ConfirmationError("import.format", `at most ${MAX_LINES} lines per request`);
    if (raw.trim() === "") continue;
    const reject = (reason: string) => {
      counts.rejected++;
      onReject({ line, reason });
    };
    const input = readNdjsonLine(raw, confirmationSchema);
    if (!input.ok) {
      reject(input.reason);
      continue;
    }
    try {
      counts[(await receiveConfirmation(database, clock, config, input.value)).status]++;
    } catch (error) {
      if (!(error instanceof ConfirmationError)) throw error;
      reject(error.message);
    }
  }
  return counts;
}

/**
 * An approved warranty claim confirms the purchase date (in the claim's transaction): the
 * warranty then counts from it, and the product's next reminder moves with it. Deciding again
 * replaces the date.
 */
export async function confirmPurchaseByClaim(
  db: Kysely<Tables>,
  config: Config,
  claim: { claimId: string; serial: string; confirmedOn: string; at: Date },
): Promise<void> {
  await upsertClaimConfirmation(db, claim);
  await scheduleRemindersOfUnit(db, config, claim.at, { serial: claim.serial });
}
