import type { Kysely } from "kysely";
import type { Config } from "../../config/config.ts";
import { type Tables, toBool, toInstant } from "../../db/tables.ts";
import { type CalendarDate, isValidCalendarDate, todayIn } from "../../domain/calendar-date.ts";
import { confirmationThatCounts, type PurchaseConfirmation } from "../../domain/purchase-confirmation.ts";
import { nextReminderDate } from "../../domain/reminder-schedule.ts";
import {
  type ConfirmationSource,
  computeWarranty,
  type DatedCoverage,
  type ReminderPeriod,
  reminderPeriods,
  type StatutoryClass,
  warrantyTimeline,
} from "../../domain/warranty.ts";
import { warrantyMonthsByCategory } from "../catalogue/queries.ts";
import {
  activeRegistrationIdsOfUnit,
  deleteReminderDates,
  listConfirmations,
  listProducts,
  listRepairWarranties,
  listUnitCoverages,
  saveReminderDates,
} from "./queries.ts";
import type { WarrantyEstimate } from "./schemas.ts";

export interface WarrantyFacts {
  manufacturedOn: string | null;
  market: string;
  warrantyMonths: Record<string, number>;
  statutoryClass: StatutoryClass;
  registrationBonusMonths: number;
  /** Whether the unit is registered to an owner (the registration bonus is theirs only then). */
  registered: boolean;
  statedPurchaseDate: string | null;
  confirmation: { date: string; source: ConfirmationSource } | null;
  /** Extended warranties and repair warranties of the unit, with their own dates. */
  dated: (DatedCoverage & {
    name: { nb: string; en: string } | null;
    terms: { nb: string; en: string } | null;
  })[];
}

const date = (v: string | null | undefined) => (v && isValidCalendarDate(v) ? (v as CalendarDate) : null);

/**
 * The warranty of one product today, in the portal's time zone: every coverage (the base for the
 * unit's market, or Norway's when the market has no rule of its own; the registration bonus;
 * extended and repair warranties) and the statutory period, from one start date.
 *
 * @example
 * warrantyFor(config, { manufacturedOn: "2025-01-01", market: "NO", warrantyMonths: { NO: 24 }, statutoryClass: "long", registrationBonusMonths: 0, registered: true, statedPurchaseDate: null, confirmation: null, dated: [] }, clock.now())
 */
export function warrantyFor(config: Config, facts: WarrantyFacts, now: Date): WarrantyEstimate {
  const months = facts.warrantyMonths[facts.market] ?? facts.warrantyMonths.NO ?? 0;
  const today = todayIn(config.timeZone, now);
  const confirmedOn = date(facts.confirmation?.date);
  const result = computeWarranty({
    manufacturedOn: date(facts.manufacturedOn),
    category: {
      warrantyMonths: months,
      statutoryClass: facts.statutoryClass,
      registrationBonusMonths: facts.registrationBonusMonths,
    },
    shippingAllowanceDays: config.shippingAllowanceDays,
    statedPurchaseDate: date(facts.statedPurchaseDate),
    confirmation:
      facts.confirmation && confirmedOn ? { date: confirmedOn, source: facts.confirmation.source } : null,
    registered: facts.registered,
    dated: facts.dated,
    today,
    endsSoonDays: config.warrantyEndsSoonDays,
  });
  const texts = new Map(facts.dated.map((d) => [`${d.kind}:${d.reference}`, d]));
  const coverages = result.coverages.map((c) => ({
    ...c,
    name: texts.get(c.key)?.name ?? null,
    terms: texts.get(c.key)?.terms ?? null,
  }));
  const manufacturer = coverages.find((c) => c.kind === "manufacturer");
  return {
    start: result.start,
    manufacturer:
      manufacturer && result.start ? { ...manufacturer, months, source: result.start.source } : null,
    coverages,
    statutory: result.statutory,
    statutoryYears: result.statutoryYears,
    standing: result.standing,
    timeline: warrantyTimeline(result, today),
  };
}

/** Every confirmation of each unit, by serial, oldest first: when it came and what date it gave. */
export async function confirmationHistories(
  db: Kysely<Tables>,
  units: { serial: string; imei1: string | null; imei2: string | null }[],
): Promise<Map<string, { source: ConfirmationSource; date: string; at: string }[]>> {
  const imeis = units.flatMap((u) => [u.imei1, u.imei2]).filter((v): v is string => v !== null);
  const rows = await listConfirmations(
    db,
    units.map((u) => u.serial),
    imeis,
  );
  return new Map(
    units.map((unit) => [
      unit.serial,
      rows
        .filter(
          (r) =>
            r.serial === unit.serial || (r.imei !== null && (r.imei === unit.imei1 || r.imei === unit.imei2)),
        )
        .map((r) => ({ source: r.source, date: r.confirmed_on, at: toInstant(r.received_at) }))
        .sort((a, b) => a.at.localeCompare(b.at)),
    ]),
  );
}

/** The confirmation that counts for each unit, by serial: those naming its serial or either IMEI. */
async function confirmationsFor(
  db: Kysely<Tables>,
  units: { serial: string; imei1: string | null; imei2: string | null }[],
): Promise<Map<string, PurchaseConfirmation>> {
  const result = new Map<string, PurchaseConfirmation>();
  for (const [serial, named] of await confirmationHistories(db, units)) {
    const counts = confirmationThatCounts(named);
    if (counts) result.set(serial, counts);
  }
  return result;
}

/** The coverages with dates of their own of each unit, by serial: extended warranties and repairs. */
async function datedCoveragesFor(
  db: Kysely<Tables>,
  serials: string[],
): Promise<Map<string, WarrantyFacts["dated"]>> {
  const [plans, repairs] = await Promise.all([
    listUnitCoverages(db, serials),
    listRepairWarranties(db, serials),
  ]);
  const result = new Map<string, WarrantyFacts["dated"]>();
  const add = (serial: string, coverage: WarrantyFacts["dated"][number]) => {
    const list = result.get(serial) ?? [];
    list.push(coverage);
    result.set(serial, list);
  };
  for (const p of plans) {
    const start = date(p.starts_on);
    const end = date(p.ends_on);
    if (!start || !end) continue;
    add(p.serial, {
      kind: "extended",
      reference: p.plan_code,
      start,
      end,
      covers: { parts: toBool(p.parts), labour: toBool(p.labour) },
      months: null,
      name: { nb: p.name_nb, en: p.name_en },
      terms: { nb: p.terms_nb, en: p.terms_en },
    });
  }
  for (const r of repairs) {
    const start = date(r.completed_on);
    const end = date(r.repair_warranty_end);
    if (!start || !end) continue;
    // The repair warranty covers the work done: the parts fitted and the labour.
    add(r.unit_serial, {
      kind: "repair",
      reference: r.request_number,
      start,
      end,
      covers: { parts: true, labour: true },
      months: null,
      name: null,
      terms: null,
    });
  }
  return result;
}

/** A unit as far as its warranty needs it: from a registration, or from the registry alone. */
export interface WarrantyUnitRow {
  unit_serial: string;
  imei1: string | null;
  imei2: string | null;
  manufactured_on: string | null;
  market: string;
  category_code: string;
  statutory_class: string;
  registration_bonus_months: number;
  /** The stated purchase date; null without one (and for a unit nobody registered). */
  purchase_date: string | null;
}

/**
 * The warranty of each unit at `now`, by `keyOf(row)`: the category's months, the confirmations
 * that count and the dated coverages, each read for all of them at once (no query per unit).
 * `registered` says whether the rows are registrations (the registration bonus applies).
 */
export async function unitWarranties<R extends WarrantyUnitRow>(
  db: Kysely<Tables>,
  config: Config,
  units: readonly R[],
  now: Date,
  keyOf: (row: R) => string,
  registered: (row: R) => boolean,
): Promise<Map<string, WarrantyEstimate>> {
  const serials = [...new Set(units.map((u) => u.unit_serial))];
  const [months, confirmations, dated] = await Promise.all([
    warrantyMonthsByCategory(db, [...new Set(units.map((p) => p.category_code))]),
    confirmationsFor(
      db,
      units.map((p) => ({ serial: p.unit_serial, imei1: p.imei1, imei2: p.imei2 })),
    ),
    datedCoveragesFor(db, serials),
  ]);
  return new Map(
    units.map((unit) => [
      keyOf(unit),
      warrantyFor(
        config,
        {
          manufacturedOn: unit.manufactured_on,
          market: unit.market,
          warrantyMonths: months.get(unit.category_code) ?? {},
          statutoryClass: unit.statutory_class === "long" ? "long" : "standard",
          registrationBonusMonths: unit.registration_bonus_months,
          registered: registered(unit),
          statedPurchaseDate: unit.purchase_date,
          confirmation: confirmations.get(unit.unit_serial) ?? null,
          dated: dated.get(unit.unit_serial) ?? [],
        },
        now,
      ),
    ]),
  );
}

/**
 * The warranty of each registered product at `now`, by registration id (see {@link unitWarranties}).
 */
export async function warrantiesOf(
  db: Kysely<Tables>,
  config: Config,
  products: (WarrantyUnitRow & { id: string })[],
  now: Date,
): Promise<Map<string, WarrantyEstimate>> {
  return unitWarranties(
    db,
    config,
    products,
    now,
    (p) => p.id,
    () => true,
  );
}

/** The periods a reminder is sent for, with the last covered day of each (see `reminderPeriods`). */
export function reminderPeriodsOf(warranty: WarrantyEstimate): ReminderPeriod[] {
  return reminderPeriods({
    coverages: warranty.coverages.flatMap((c) => {
      const start = date(c.start);
      const end = date(c.end);
      return start && end ? [{ ...c, start, end }] : [];
    }),
    statutory:
      warranty.statutory && date(warranty.statutory.end)
        ? { end: warranty.statutory.end as CalendarDate }
        : null,
  });
}

/** The last covered day of each period a reminder is sent for: each coverage's, then the law's. */
export function reminderEnds(warranty: WarrantyEstimate): (CalendarDate | null)[] {
  return reminderPeriodsOf(warranty).map((p) => p.end);
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
    const dueOn = nextReminderDate(
      reminderEnds(warranty),
      config.reminderThresholdsDays,
      today,
      config.reminderAfterDays,
    );
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
