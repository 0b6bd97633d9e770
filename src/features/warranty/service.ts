import type { Kysely } from "kysely";
import type { Config } from "../../config/config.ts";
import type { Tables } from "../../db/tables.ts";
import { type CalendarDate, isValidCalendarDate, todayIn } from "../../domain/calendar-date.ts";
import { confirmationThatCounts, type PurchaseConfirmation } from "../../domain/purchase-confirmation.ts";
import { nextReminderDate } from "../../domain/reminder-schedule.ts";
import {
  type ConfirmationSource,
  computeWarranty,
  type StatutoryClass,
  warrantyTimeline,
} from "../../domain/warranty.ts";
import { warrantyMonthsByCategory } from "../catalogue/queries.ts";
import {
  activeRegistrationIdsOfUnit,
  deleteReminderDates,
  listConfirmations,
  listProducts,
  saveReminderDates,
  type WarrantyProductRow,
} from "./queries.ts";
import type { WarrantyEstimate } from "./schemas.ts";

export interface WarrantyFacts {
  manufacturedOn: string | null;
  market: string;
  warrantyMonths: Record<string, number>;
  statutoryClass: StatutoryClass;
  statedPurchaseDate: string | null;
  confirmation: { date: string; source: ConfirmationSource } | null;
}

/**
 * The warranty of one product today, in the portal's time zone: the manufacturer's period for
 * the unit's market (Norway's when the market has no rule of its own) and the statutory one.
 *
 * @example
 * warrantyFor(config, { manufacturedOn: "2025-01-01", market: "NO", warrantyMonths: { NO: 24 }, statutoryClass: "long", statedPurchaseDate: null, confirmation: null }, clock.now())
 */
export function warrantyFor(config: Config, facts: WarrantyFacts, now: Date): WarrantyEstimate {
  const months = facts.warrantyMonths[facts.market] ?? facts.warrantyMonths.NO ?? 0;
  const date = (v: string | null) => (v && isValidCalendarDate(v) ? (v as CalendarDate) : null);
  const today = todayIn(config.timeZone, now);
  const result = computeWarranty({
    manufacturedOn: date(facts.manufacturedOn),
    category: { warrantyMonths: months, statutoryClass: facts.statutoryClass },
    shippingAllowanceDays: config.shippingAllowanceDays,
    statedPurchaseDate: date(facts.statedPurchaseDate),
    confirmation:
      facts.confirmation && date(facts.confirmation.date)
        ? { date: facts.confirmation.date as CalendarDate, source: facts.confirmation.source }
        : null,
    today,
    endsSoonDays: config.warrantyEndsSoonDays,
  });
  return {
    manufacturer: result.manufacturer ? { ...result.manufacturer, months } : null,
    statutory: result.statutory,
    timeline: warrantyTimeline(result, today),
  };
}

/** The confirmation that counts for each unit, by serial: those naming its serial or either IMEI. */
async function confirmationsFor(
  db: Kysely<Tables>,
  units: { serial: string; imei1: string | null; imei2: string | null }[],
): Promise<Map<string, PurchaseConfirmation>> {
  const imeis = units.flatMap((u) => [u.imei1, u.imei2]).filter((v): v is string => v !== null);
  const rows = await listConfirmations(
    db,
    units.map((u) => u.serial),
    imeis,
  );
  const result = new Map<string, PurchaseConfirmation>();
  for (const unit of units) {
    const named = rows
      .filter(
        (r) =>
          r.serial === unit.serial || (r.imei !== null && (r.imei === unit.imei1 || r.imei === unit.imei2)),
      )
      .map((r) => ({ source: r.source, date: r.confirmed_on }));
    const counts = confirmationThatCounts(named);
    if (counts) result.set(unit.serial, counts);
  }
  return result;
}

/**
 * The warranty of each registered product at `now`, by registration id: the category's months
 * and the confirmations that count, read for all of them at once (no query per product).
 */
export async function warrantiesOf(
  db: Kysely<Tables>,
  config: Config,
  products: WarrantyProductRow[],
  now: Date,
): Promise<Map<string, WarrantyEstimate>> {
  const [months, confirmations] = await Promise.all([
    warrantyMonthsByCategory(db, [...new Set(products.map((p) => p.category_code))]),
    confirmationsFor(
      db,
      products.map((p) => ({ serial: p.unit_serial, imei1: p.imei1, imei2: p.imei2 })),
    ),
  ]);
  return new Map(
    products.map((product) => [
      product.id,
      warrantyFor(
        config,
        {
          manufacturedOn: product.manufactured_on,
          market: product.market,
          warrantyMonths: months.get(product.category_code) ?? {},
          statutoryClass: product.statutory_class === "long" ? "long" : "standard",
          statedPurchaseDate: product.purchase_date,
          confirmation: confirmations.get(product.unit_serial) ?? null,
        },
        now,
      ),
    ]),
  );
}

/** The last covered day of each period a reminder is sent for: the manufacturer's, then the law's. */
export function reminderEnds(warranty: WarrantyEstimate): (CalendarDate | null)[] {
  const date = (period: { end: string } | null) =>
    period && isValidCalendarDate(period.end) ? (period.end as CalendarDate) : null;
  return [date(warranty.manufacturer), date(warranty.statutory)];
}

/**
 * Stores when each of these registrations' next reminder is due, from its coverage at `now`, so
 * the reminder run reads only what is due. Whatever changes coverage calls it, in the transaction
 * of the change: a registration, a changed purchase date, a purchase confirmation, a removal (the
 * row goes, as it does when no reminder remains).
 *
 * @example
 * await db.transaction().execute(async (trx) => { …; await scheduleReminders(trx, config, at, [registrationId]); });
 */
export async function scheduleReminders(
  db: Kysely<Tables>,
  config: Config,
  now: Date,
  registrationIds: readonly string[],
): Promise<void> {
  const ids = [...new Set(registrationIds)];
  if (ids.length === 0) return;
  const warranties = await warrantiesOf(db, config, await listProducts(db, ids), now);
  await scheduleRemindersFrom(db, config, now, ids, warranties);
}

/**
 * {@link scheduleReminders} with the coverage already computed (by the caller that just read it):
 * each id without a warranty in `warranties` (removed, or no reminder left) loses its row.
 */
export async function scheduleRemindersFrom(
  db: Kysely<Tables>,
  config: Config,
  now: Date,
  ids: readonly string[],
  warranties: ReadonlyMap<string, WarrantyEstimate>,
): Promise<void> {
  const today = todayIn(config.timeZone, now);
  const dates: { registrationId: string; dueOn: string }[] = [];
  for (const [registrationId, warranty] of warranties) {
    const dueOn = nextReminderDate(reminderEnds(warranty), config.reminderThresholdsDays, today);
    if (dueOn) dates.push({ registrationId, dueOn });
  }
  const scheduled = new Set(dates.map((d) => d.registrationId));
  await saveReminderDates(db, dates);
  await deleteReminderDates(
    db,
    ids.filter((id) => !scheduled.has(id)),
  );
}

/** {@link scheduleReminders} for the registration of the unit a purchase confirmation names. */
export async function scheduleRemindersOfUnit(
  db: Kysely<Tables>,
  config: Config,
  now: Date,
  by: { serial: string } | { imei: string },
): Promise<void> {
  await scheduleReminders(db, config, now, await activeRegistrationIdsOfUnit(db, by));
}
