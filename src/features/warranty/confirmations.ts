import { randomUUID } from "node:crypto";
import { type Kysely, sql } from "kysely";
import { z } from "zod";
import type { Database } from "../../db/database.ts";
import type { Tables } from "../../db/tables.ts";
import { isValidCalendarDate, todayIn } from "../../domain/calendar-date.ts";
import { normalizeIdentifier } from "../../domain/identifier.ts";
import { isValidImei } from "../../domain/imei.ts";
import type { ErrorCode } from "../../server/error-codes.ts";
import { holdsNul } from "../../server/input-guard.ts";

const date = z.string().refine(isValidCalendarDate, "a date as YYYY-MM-DD");

/** One proof of purchase from the manufacturer's systems (R13). */
export const confirmationSchema = z.discriminatedUnion("source", [
  z.strictObject({
    source: z.literal("shop-order"),
    orderId: z.string().trim().min(1).max(100),
    identifier: z.string().max(60).meta({ description: "The unit's serial number or IMEI." }),
    deliveredOn: date,
  }),
  z.strictObject({
    source: z.literal("activation"),
    imei: z.string().max(30),
    activatedOn: date,
  }),
]);
export type ConfirmationInput = z.infer<typeof confirmationSchema>;

export const confirmationResultSchema = z.object({
  status: z.enum(["stored", "unchanged", "updated"]),
  unitKnown: z.boolean(),
});

export class ConfirmationError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * Stores a confirmation; sending it again changes nothing, and a corrected date replaces the old
 * one. Kept even when the unit is not in the registry yet: it applies once the unit appears.
 */
export async function receiveConfirmation(database: Database, timeZone: string, input: ConfirmationInput) {
  const today = todayIn(timeZone, new Date());
  const confirmedOn = input.source === "shop-order" ? input.deliveredOn : input.activatedOn;
  if (confirmedOn > today)
    throw new ConfirmationError("confirmation.date_future", "The date is in the future.");
  let serial: string | null = null;
  let imei: string | null = null;
  let reference: string;
  if (input.source === "activation") {
    imei = normalizeIdentifier(input.imei);
    if (!/^\d{15}$/.test(imei) || !isValidImei(imei))
      throw new ConfirmationError("confirmation.imei_invalid", "The IMEI is not a valid 15-digit IMEI.");
    reference = imei;
  } else {
    const value = normalizeIdentifier(input.identifier);
    if (!/^[A-Z0-9]{6,20}$/.test(value))
      throw new ConfirmationError(
        "confirmation.identifier_invalid",
        "The identifier is not a serial number or IMEI.",
      );
    if (/^\d{15}$/.test(value)) {
      if (!isValidImei(value))
        throw new ConfirmationError("confirmation.imei_invalid", "The IMEI is not a valid 15-digit IMEI.");
      imei = value;
    } else {
      serial = value;
    }
    reference = input.orderId;
  }
  const unit = await database.db
    .selectFrom("unit")
    .select(["serial", "manufactured_on"])
    .where((eb) =>
      serial ? eb("serial", "=", serial) : eb.or([eb("imei1", "=", imei), eb("imei2", "=", imei)]),
    )
    .executeTakeFirst();
  if (unit?.manufactured_on && confirmedOn < unit.manufactured_on) {
    throw new ConfirmationError(
      "confirmation.date_before_manufacture",
      "The date is before the unit was made.",
    );
  }
  const dedupeKey = `${input.source}:${reference}:${serial ?? imei}`;
  const existing = await database.db
    .selectFrom("purchase_confirmation")
    .select(["id", "confirmed_on"])
    .where("dedupe_key", "=", dedupeKey)
    .executeTakeFirst();
  let status: "stored" | "unchanged" | "updated";
  if (!existing) {
    await database.db
      .insertInto("purchase_confirmation")
      .values({
        id: randomUUID(),
        source: input.source,
        reference,
        serial,
        imei,
        confirmed_on: confirmedOn,
        received_at: new Date().toISOString(),
        dedupe_key: dedupeKey,
      })
      .onConflict((oc) => oc.column("dedupe_key").doNothing())
      .execute();
    status = "stored";
  } else if (existing.confirmed_on !== confirmedOn) {
    await database.db
      .updateTable("purchase_confirmation")
      .set({ confirmed_on: confirmedOn })
      .where("id", "=", existing.id)
      .execute();
    status = "updated";
  } else {
    status = "unchanged";
  }
  return { status, unitKnown: unit !== undefined };
}

export interface Confirmation {
  date: string;
  source: "shop-order" | "activation" | "claim";
}

/**
 * The confirmation that counts for each unit: a web-shop delivery, then an approved claim, then a
 * phone activation; the earliest date of its kind.
 */
export async function confirmationsFor(
  db: Kysely<Tables>,
  units: { serial: string; imei1: string | null; imei2?: string | null }[],
): Promise<Map<string, Confirmation>> {
  const result = new Map<string, Confirmation>();
  if (units.length === 0) return result;
  const serials = units.map((u) => u.serial);
  const imeis = units.flatMap((u) => [u.imei1, u.imei2 ?? null]).filter((v): v is string => v !== null);
  const rows = await db
    .selectFrom("purchase_confirmation")
    .select(["source", "serial", "imei", "confirmed_on"])
    .where((eb) =>
      eb.or([eb("serial", "in", serials), ...(imeis.length > 0 ? [eb("imei", "in", imeis)] : [])]),
    )
    // A web-shop delivery is the firmest proof, then a reviewed receipt, then an activation.
    .orderBy(sql`case source when 'shop-order' then 0 when 'claim' then 1 else 2 end`)
    .orderBy("confirmed_on")
    .execute();
  for (const unit of units) {
    const match = rows.find(
      (r) =>
        r.serial === unit.serial || (r.imei !== null && (r.imei === unit.imei1 || r.imei === unit.imei2)),
    );
    if (match) result.set(unit.serial, { date: match.confirmed_on, source: match.source });
  }
  return result;
}

const MAX_LINES = 100_000;

/**
 * Confirmations from NDJSON lines (the bulk endpoint and the CLI): each line on its own, bad
 * lines reported with their number and reason, the rest stored.
 */
export async function receiveConfirmationLines(
  database: Database,
  timeZone: string,
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
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      reject("not valid JSON");
      continue;
    }
    if (holdsNul(parsed)) {
      reject("contains a NUL character");
      continue;
    }
    const input = confirmationSchema.safeParse(parsed);
    if (!input.success) {
      reject(input.error.issues.map((i) => `${i.path.join(".") || "line"}: ${i.message}`).join("; "));
      continue;
    }
    try {
      counts[(await receiveConfirmation(database, timeZone, input.data)).status]++;
    } catch (error) {
      if (!(error instanceof ConfirmationError)) throw error;
      reject(error.message);
    }
  }
  return counts;
}
