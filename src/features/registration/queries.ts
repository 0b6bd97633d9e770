import type { Insertable, Kysely } from "kysely";
import { prepared } from "../../db/prepared.ts";
import { newRowId } from "../../db/row-id.ts";
import { type Tables, toInstant } from "../../db/tables.ts";

type Db = Kysely<Tables>;

const activeOfUnit = prepared((db, serial: string) =>
  db
    .selectFrom("registration")
    .select(["id", "owner_id"])
    .where("unit_serial", "=", serial)
    .where("removed_at", "is", null),
);

/** The unit's active registration, if any (every registration and identifier check asks). */
export async function activeRegistrationOfUnit(db: Db, serial: string) {
  const [row] = await activeOfUnit(db, serial);
  return row;
}

const insertRegistrationRow = prepared(
  (
    db,
    id: string,
    unitSerial: string,
    ownerId: string,
    channel: string,
    purchaseDate: string | null,
    purchasePlace: string | null,
    nickname: string | null,
    registeredAt: string,
  ) =>
    db.insertInto("registration").values({
      id,
      unit_serial: unitSerial,
      owner_id: ownerId,
      channel,
      purchase_date: purchaseDate,
      purchase_place: purchasePlace,
      nickname,
      registered_at: registeredAt,
      removed_at: null,
    }),
);

export async function insertRegistration(
  db: Db,
  row: {
    unit_serial: string;
    owner_id: string;
    channel: string;
    purchase_date: string | null;
    purchase_place: string | null;
    nickname: string | null;
    registered_at: string;
  },
): Promise<string> {
  const id = newRowId();
  await insertRegistrationRow(
    db,
    id,
    row.unit_serial,
    row.owner_id,
    row.channel,
    row.purchase_date,
    row.purchase_place,
    row.nickname,
    row.registered_at,
  );
  return id;
}

const registrationColumns = [
  "registration.id",
  "registration.unit_serial",
  "registration.owner_id",
  "registration.channel",
  "registration.purchase_date",
  "registration.purchase_place",
  "registration.nickname",
  "registration.registered_at",
  "unit.imei1",
  "unit.imei2",
  "unit.manufactured_on",
  "unit.market",
  "model.code as model_code",
  "model.name_nb",
  "model.name_en",
  "model.image",
  "model.model_year",
  "model.category_code",
  "category.name_nb as category_name_nb",
  "category.name_en as category_name_en",
  "category.statutory_class",
  "category.registration_bonus_months",
] as const;

function registrationsQuery(db: Db) {
  return db
    .selectFrom("registration")
    .innerJoin("unit", "unit.serial", "registration.unit_serial")
    .innerJoin("model", "model.code", "unit.model_code")
    .innerJoin("category", "category.code", "model.category_code")
    .leftJoin("points_ledger", (join) =>
      join
        .onRef("points_ledger.registration_id", "=", "registration.id")
        .on("points_ledger.kind", "=", "first-registration"),
    )
    .select(registrationColumns)
    .select("points_ledger.points")
    .where("registration.removed_at", "is", null);
}

export type RegistrationRow = Awaited<ReturnType<typeof findRegistration>> & object;

export async function findRegistration(db: Db, id: string) {
  return registrationsQuery(db).where("registration.id", "=", id).executeTakeFirst();
}

export async function listRegistrations(db: Db, ownerId: string) {
  return registrationsQuery(db)
    .where("registration.owner_id", "=", ownerId)
    .orderBy("registration.registered_at", "desc")
    .orderBy("registration.id")
    .execute();
}

/** Active registrations of every owner, in id order, a page at a time (for the reminder run). */
export async function listActiveRegistrations(db: Db, afterId: string, limit: number) {
  return registrationsQuery(db)
    .where("registration.id", ">", afterId)
    .orderBy("registration.id")
    .limit(limit)
    .execute();
}

/** Changes an active registration; false when it was removed meanwhile. */
export async function updateRegistration(
  db: Db,
  id: string,
  patch: { nickname?: string | null; purchase_date?: string | null; purchase_place?: string | null },
): Promise<boolean> {
  if (Object.keys(patch).length === 0) return true;
  const result = await db
    .updateTable("registration")
    .set(patch)
    .where("id", "=", id)
    .where("removed_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Removes an active registration; false when it was removed already (by a request that won a race). */
export async function removeRegistration(db: Db, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable("registration")
    .set({ removed_at: at })
    .where("id", "=", id)
    .where("removed_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function listUnregistered(db: Db, ownerId: string) {
  return db
    .selectFrom("discovered_device")
    .leftJoin("model", "model.code", "discovered_device.model_code")
    .leftJoin("registration", (join) =>
      join
        .onRef("registration.unit_serial", "=", "discovered_device.unit_serial")
        .on("registration.removed_at", "is", null),
    )
    .select([
      "discovered_device.id",
      "discovered_device.source",
      "discovered_device.display_name",
      "discovered_device.unit_serial",
      "discovered_device.offered",
      "discovered_device.discovered_at",
      "model.code as model_code",
      "model.name_nb",
      "model.name_en",
      "model.image",
      "model.model_year",
      "model.category_code",
    ])
    .where("discovered_device.owner_id", "=", ownerId)
    .where("discovered_device.removed_at", "is", null)
    .where("registration.id", "is", null)
    .orderBy("discovered_device.discovered_at", "desc")
    .execute();
}

/** A device on an owner's Unregistered products list, unless it was taken off. */
export async function findDiscoveredDevice(db: Db, id: string) {
  return db
    .selectFrom("discovered_device")
    .select(["id", "owner_id", "source", "unit_serial", "offered"])
    .where("id", "=", id)
    .where("removed_at", "is", null)
    .executeTakeFirst();
}

/** Puts a device on the owner's list, or refreshes it when the same source reported it before. */
export async function upsertDiscoveredDevice(
  db: Db,
  key: { owner_id: string; source: string; external_id: string },
  row: {
    unit_serial: string | null;
    model_code: string | null;
    display_name: string | null;
    offered: boolean;
    discovered_at: string;
  },
): Promise<void> {
  const fresh = { ...row, removed_at: null };
  await db
    .insertInto("discovered_device")
    .values({ id: newRowId(), ...key, ...fresh })
    .onConflict((oc) => oc.columns(["owner_id", "source", "external_id"]).doUpdateSet(fresh))
    .execute();
}

/** Takes a device off the owner's list (the source says it is gone). */
export async function removeDiscoveredDevice(
  db: Db,
  key: { owner_id: string; source: string; external_id: string },
  at: string,
): Promise<void> {
  await db
    .updateTable("discovered_device")
    .set({ removed_at: at })
    .where("owner_id", "=", key.owner_id)
    .where("source", "=", key.source)
    .where("external_id", "=", key.external_id)
    .where("removed_at", "is", null)
    .execute();
}

/** How many products an owner has registered now (on the owner's index; My Page asks each time). */
const activeRegistrationCount = prepared((db, ownerId: string) =>
  db
    .selectFrom("registration")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("owner_id", "=", ownerId)
    .where("removed_at", "is", null),
);

export async function countActiveRegistrations(db: Db, ownerId: string): Promise<number> {
  const [row] = await activeRegistrationCount(db, ownerId);
  return Number(row?.count ?? 0);
}

/** One more line of a product's purchase-date history (`purchase_date_event`). */
export async function insertPurchaseDateEvent(
  db: Db,
  row: Omit<Insertable<Tables["purchase_date_event"]>, "id">,
): Promise<void> {
  await db
    .insertInto("purchase_date_event")
    .values({ id: newRowId(), ...row })
    .execute();
}

/** The purchase-date histories of these registrations, oldest line first. */
export async function listPurchaseDateEvents(db: Db, registrationIds: readonly string[]) {
  if (registrationIds.length === 0) return [];
  const rows = await db
    .selectFrom("purchase_date_event")
    .select(["registration_id", "date", "source", "staff_role", "staff_number", "reason", "at"])
    .where("registration_id", "in", registrationIds)
    .orderBy("registration_id")
    .orderBy("at")
    .orderBy("id")
    .execute();
  return rows.map((row) => ({ ...row, at: toInstant(row.at) }));
}

/** The models an owner has an active registration of (`registration_owner_idx`, then each unit by its key). */
export async function ownedModelCodes(db: Db, ownerId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("registration")
    .innerJoin("unit", "unit.serial", "registration.unit_serial")
    .select("unit.model_code")
    .distinct()
    .where("registration.owner_id", "=", ownerId)
    .where("registration.removed_at", "is", null)
    .execute();
  return rows.map((r) => r.model_code);
}
