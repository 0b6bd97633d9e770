import type { Kysely } from "kysely";
import { prepared } from "../../db/prepared.ts";
import { newRowId } from "../../db/row-id.ts";
import type { Tables } from "../../db/tables.ts";

type Db = Kysely<Tables>;

// The calendar feed: one private token per owner.

export async function findCalendarToken(db: Db, ownerId: string): Promise<string | null> {
  const row = await db
    .selectFrom("calendar_feed")
    .select("token")
    .where("owner_id", "=", ownerId)
    .executeTakeFirst();
  return row?.token ?? null;
}

/** Gives the owner this token unless they have one already (the primary key decides a race). */
export async function insertCalendarToken(db: Db, ownerId: string, token: string, at: Date): Promise<void> {
  await db
    .insertInto("calendar_feed")
    .values({ owner_id: ownerId, token, created_at: at.toISOString() })
    .onConflict((oc) => oc.column("owner_id").doNothing())
    .execute();
}

/** Gives the owner this token, replacing the one they had. */
export async function saveCalendarToken(db: Db, ownerId: string, token: string, at: Date): Promise<void> {
  const createdAt = at.toISOString();
  await db
    .insertInto("calendar_feed")
    .values({ owner_id: ownerId, token, created_at: createdAt })
    .onConflict((oc) => oc.column("owner_id").doUpdateSet({ token, created_at: createdAt }))
    .execute();
}

export async function deleteCalendarFeed(db: Db, ownerId: string): Promise<void> {
  await db.deleteFrom("calendar_feed").where("owner_id", "=", ownerId).execute();
}

/** Whose feed a token opens, and the language its events are written in. */
export async function findCalendarFeed(db: Db, token: string) {
  return db
    .selectFrom("calendar_feed")
    .innerJoin("user", "user.id", "calendar_feed.owner_id")
    .select(["calendar_feed.owner_id as ownerId", "user.locale"])
    .where("calendar_feed.token", "=", token)
    .executeTakeFirst();
}

// Registered products, as far as their warranty needs them (read from the registration table).

function activeProducts(db: Db) {
  return db
    .selectFrom("registration")
    .innerJoin("unit", "unit.serial", "registration.unit_serial")
    .innerJoin("model", "model.code", "unit.model_code")
    .innerJoin("category", "category.code", "model.category_code")
    .select([
      "registration.id",
      "registration.owner_id",
      "registration.unit_serial",
      "registration.purchase_date",
      "registration.nickname",
      "unit.imei1",
      "unit.imei2",
      "unit.manufactured_on",
      "unit.market",
      "model.name_nb",
      "model.name_en",
      "model.category_code",
      "category.statutory_class",
      "category.registration_bonus_months",
    ])
    .where("registration.removed_at", "is", null);
}

export type WarrantyProductRow = Awaited<ReturnType<typeof listOwnerProducts>>[number];

/** An owner's registered products, newest first (on the registration's owner index). */
export async function listOwnerProducts(db: Db, ownerId: string) {
  return activeProducts(db)
    .where("registration.owner_id", "=", ownerId)
    .orderBy("registration.registered_at", "desc")
    .orderBy("registration.id")
    .execute();
}

/** These registered products with their owners' addresses (removed ones are left out). */
export async function listProductsWithOwners(db: Db, registrationIds: readonly string[]) {
  if (registrationIds.length === 0) return [];
  return activeProducts(db)
    .innerJoin("user", "user.id", "registration.owner_id")
    .select(["user.email as owner_email", "user.name as owner_name", "user.locale as owner_locale"])
    .where("registration.id", "in", registrationIds)
    .execute();
}

/** These registered products, as far as their warranty needs them (removed ones are left out). */
export async function listProducts(db: Db, registrationIds: readonly string[]) {
  if (registrationIds.length === 0) return [];
  return activeProducts(db).where("registration.id", "in", registrationIds).execute();
}

/** The active registration of the unit a confirmation names, by serial or by either IMEI. */
export async function activeRegistrationIdsOfUnit(db: Db, by: { serial: string } | { imei: string }) {
  const rows = await db
    .selectFrom("registration")
    .innerJoin("unit", "unit.serial", "registration.unit_serial")
    .select("registration.id")
    .where("registration.removed_at", "is", null)
    .where((eb) =>
      "serial" in by
        ? eb("unit.serial", "=", by.serial)
        : eb.or([eb("unit.imei1", "=", by.imei), eb("unit.imei2", "=", by.imei)]),
    )
    .execute();
  return rows.map((r) => r.id);
}

// Reminder dates: when each registration's next reminder is due.

/**
 * Up to `limit` reminder rows due on `today`, in (date, id) order after `after` (the last row of
 * the previous batch), on the date index. With `lock` (PostgreSQL) the rows stay locked until the
 * caller's transaction ends, so a change of coverage meanwhile waits and then writes its own date.
 */
export async function listDueReminders(
  db: Db,
  today: string,
  after: { dueOn: string; registrationId: string } | null,
  limit: number,
  lock: boolean,
) {
  let query = db
    .selectFrom("warranty_reminder")
    .select(["registration_id", "due_on"])
    .where("due_on", "<=", today)
    .orderBy("due_on")
    .orderBy("registration_id")
    .limit(limit);
  if (after) {
    query = query.where((eb) =>
      eb(eb.refTuple("due_on", "registration_id"), ">", eb.tuple(after.dueOn, after.registrationId)),
    );
  }
  return (lock ? query.forUpdate() : query).execute();
}

/** Stores the date each registration's next reminder is due, replacing the one it had. */
// A registration stores one: compiled once (src/db/prepared.ts).
const saveReminderDate = prepared((db, registrationId: string, dueOn: string) =>
  db
    .insertInto("warranty_reminder")
    .values({ registration_id: registrationId, due_on: dueOn })
    .onConflict((oc) =>
      oc.column("registration_id").doUpdateSet((eb) => ({ due_on: eb.ref("excluded.due_on") })),
    ),
);

export async function saveReminderDates(
  db: Db,
  rows: readonly { registrationId: string; dueOn: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  const [only] = rows;
  if (rows.length === 1 && only) {
    await saveReminderDate(db, only.registrationId, only.dueOn);
    return;
  }
  await db
    .insertInto("warranty_reminder")
    .values(rows.map((r) => ({ registration_id: r.registrationId, due_on: r.dueOn })))
    .onConflict((oc) =>
      oc.column("registration_id").doUpdateSet((eb) => ({ due_on: eb.ref("excluded.due_on") })),
    )
    .execute();
}

/** Forgets the reminder dates of registrations with no reminder left (or no longer active). */
export async function deleteReminderDates(db: Db, registrationIds: readonly string[]): Promise<void> {
  if (registrationIds.length === 0) return;
  await db.deleteFrom("warranty_reminder").where("registration_id", "in", registrationIds).execute();
}

// Purchase confirmations.

/** The unit a confirmation names, by serial or by either IMEI. */
export async function findConfirmedUnit(db: Db, by: { serial: string } | { imei: string }) {
  return db
    .selectFrom("unit")
    .select(["serial", "manufactured_on"])
    .where((eb) =>
      "serial" in by
        ? eb("serial", "=", by.serial)
        : eb.or([eb("imei1", "=", by.imei), eb("imei2", "=", by.imei)]),
    )
    .executeTakeFirst();
}

export async function findConfirmation(db: Db, dedupeKey: string) {
  return db
    .selectFrom("purchase_confirmation")
    .select(["id", "confirmed_on"])
    .where("dedupe_key", "=", dedupeKey)
    .executeTakeFirst();
}

export async function insertConfirmation(
  db: Db,
  row: {
    source: "shop-order" | "activation";
    reference: string;
    serial: string | null;
    imei: string | null;
    confirmedOn: string;
    dedupeKey: string;
    receivedAt: Date;
  },
): Promise<void> {
  await db
    .insertInto("purchase_confirmation")
    .values({
      id: newRowId(),
      source: row.source,
      reference: row.reference,
      serial: row.serial,
      imei: row.imei,
      confirmed_on: row.confirmedOn,
      received_at: row.receivedAt.toISOString(),
      dedupe_key: row.dedupeKey,
    })
    .onConflict((oc) => oc.column("dedupe_key").doNothing())
    .execute();
}

export async function updateConfirmationDate(db: Db, id: string, confirmedOn: string): Promise<void> {
  await db
    .updateTable("purchase_confirmation")
    .set({ confirmed_on: confirmedOn })
    .where("id", "=", id)
    .execute();
}

// A registration and a product page ask for one unit's: compiled once (src/db/prepared.ts).
const confirmationsOfUnit = prepared((db, serial: string, imei1: string | null, imei2: string | null) =>
  db
    .selectFrom("purchase_confirmation")
    .select(["source", "serial", "imei", "confirmed_on", "received_at"])
    .where((eb) => eb.or([eb("serial", "=", serial), eb("imei", "=", imei1), eb("imei", "=", imei2)])),
);

/** Every confirmation naming one of these serials or IMEIs (on the serial and IMEI indexes). */
export async function listConfirmations(db: Db, serials: string[], imeis: string[]) {
  if (serials.length === 0 && imeis.length === 0) return [];
  const [serial] = serials;
  // One unit: a null IMEI equals nothing, so the same statement serves units with none, one or two.
  if (serials.length === 1 && serial && imeis.length <= 2) {
    return confirmationsOfUnit(db, serial, imeis[0] ?? null, imeis[1] ?? null);
  }
  return db
    .selectFrom("purchase_confirmation")
    .select(["source", "serial", "imei", "confirmed_on", "received_at"])
    .where((eb) =>
      eb.or([
        ...(serials.length > 0 ? [eb("serial", "in", serials)] : []),
        ...(imeis.length > 0 ? [eb("imei", "in", imeis)] : []),
      ]),
    )
    .execute();
}

/** An approved claim confirms the purchase date: the warranty then counts from it. */
export async function upsertClaimConfirmation(
  db: Kysely<Tables>,
  row: { claimId: string; serial: string; confirmedOn: string; at: Date },
): Promise<void> {
  await db
    .insertInto("purchase_confirmation")
    .values({
      id: newRowId(),
      source: "claim",
      reference: row.claimId,
      serial: row.serial,
      imei: null,
      confirmed_on: row.confirmedOn,
      received_at: row.at.toISOString(),
      dedupe_key: `claim:${row.claimId}`,
    })
    .onConflict((oc) => oc.column("dedupe_key").doUpdateSet({ confirmed_on: row.confirmedOn }))
    .execute();
}

// Coverages with dates of their own: extended warranties imported per unit, repair warranties.

/** The extended warranties of these units, with their plans (on the sale index's serial prefix). */
export async function listUnitCoverages(db: Db, serials: readonly string[]) {
  if (serials.length === 0) return [];
  return db
    .selectFrom("unit_coverage")
    .innerJoin("warranty_plan", "warranty_plan.code", "unit_coverage.plan_code")
    .select([
      "unit_coverage.id",
      "unit_coverage.serial",
      "unit_coverage.plan_code",
      "unit_coverage.starts_on",
      "unit_coverage.ends_on",
      "unit_coverage.reference",
      "warranty_plan.name_nb",
      "warranty_plan.name_en",
      "warranty_plan.months",
      "warranty_plan.parts",
      "warranty_plan.labour",
      "warranty_plan.terms_nb",
      "warranty_plan.terms_en",
    ])
    .where("unit_coverage.serial", "in", serials)
    .execute();
}

/** The finished repairs of these units that carry a warranty (on the repair's unit index). */
export async function listRepairWarranties(db: Db, serials: readonly string[]) {
  if (serials.length === 0) return [];
  return db
    .selectFrom("repair")
    .select(["unit_serial", "request_number", "completed_on", "repair_warranty_end"])
    .where("unit_serial", "in", serials)
    .where("repair_warranty_end", "is not", null)
    .where("completed_on", "is not", null)
    .execute();
}

// Extended-warranty products and their sales, from the operator's import.

export async function upsertWarrantyPlan(
  db: Db,
  plan: {
    code: string;
    name_nb: string;
    name_en: string;
    months: number;
    parts: boolean;
    labour: boolean;
    terms_nb: string;
    terms_en: string;
  },
  at: Date,
): Promise<void> {
  const row = { ...plan, updated_at: at.toISOString() };
  const { code: _code, ...update } = row;
  await db
    .insertInto("warranty_plan")
    .values(row)
    .onConflict((oc) => oc.column("code").doUpdateSet(update))
    .execute();
}

export async function findWarrantyPlan(db: Db, code: string) {
  return db
    .selectFrom("warranty_plan")
    .select(["code", "months"])
    .where("code", "=", code)
    .executeTakeFirst();
}

export async function listWarrantyPlans(db: Db) {
  return db.selectFrom("warranty_plan").selectAll().orderBy("code").execute();
}

/** The extended warranties a unit has already, to refuse one that overlaps them. */
export async function listCoveragesOfUnit(db: Db, serial: string) {
  return db
    .selectFrom("unit_coverage")
    .select(["id", "plan_code", "reference", "starts_on", "ends_on"])
    .where("serial", "=", serial)
    .execute();
}

export async function insertUnitCoverage(
  db: Db,
  row: { serial: string; planCode: string; startsOn: string; endsOn: string; reference: string; at: Date },
): Promise<void> {
  await db
    .insertInto("unit_coverage")
    .values({
      id: newRowId(),
      serial: row.serial,
      plan_code: row.planCode,
      starts_on: row.startsOn,
      ends_on: row.endsOn,
      reference: row.reference,
      imported_at: row.at.toISOString(),
    })
    .execute();
}

export async function updateUnitCoverageDates(
  db: Db,
  id: string,
  dates: { startsOn: string; endsOn: string },
): Promise<void> {
  await db
    .updateTable("unit_coverage")
    .set({ starts_on: dates.startsOn, ends_on: dates.endsOn })
    .where("id", "=", id)
    .execute();
}
