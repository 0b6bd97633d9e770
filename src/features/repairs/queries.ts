import { type Insertable, type Kysely, sql, type Updateable } from "kysely";
import { newRowId } from "../../db/row-id.ts";
import type { RepairTable, Tables } from "../../db/tables.ts";
import type { RepairStatus } from "../../domain/repair-lifecycle.ts";

/** Every query of repairs: the service network, the repairs, their history and photos. */

type Db = Kysely<Tables>;

// ---------------------------------------------------------------- the service network

export async function upsertPartner(
  db: Db,
  row: { id: string; name: string; webhookUrl: string | null; at: Date },
) {
  await db
    .insertInto("service_partner")
    .values({ id: row.id, name: row.name, webhook_url: row.webhookUrl, updated_at: row.at.toISOString() })
    .onConflict((oc) =>
      oc
        .column("id")
        .doUpdateSet({ name: row.name, webhook_url: row.webhookUrl, updated_at: row.at.toISOString() }),
    )
    .execute();
}

export async function upsertCentre(
  db: Db,
  row: Omit<Insertable<Tables["service_centre"]>, "updated_at"> & { at: Date },
) {
  const { at, ...values } = row;
  const changed = { ...values, updated_at: at.toISOString() };
  await db
    .insertInto("service_centre")
    .values(changed)
    .onConflict((oc) => oc.column("id").doUpdateSet(changed))
    .execute();
}

/** Centres the latest import did not name stop taking new requests; their jobs stay theirs. */
export async function deactivateCentresNotIn(db: Db, ids: readonly string[], at: Date) {
  let query = db.updateTable("service_centre").set({ active: false, updated_at: at.toISOString() });
  if (ids.length > 0) query = query.where("id", "not in", ids);
  await query.execute();
}

export async function replaceCoverage(db: Db, rows: Insertable<Tables["service_coverage"]>[]) {
  await db.deleteFrom("service_coverage").execute();
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto("service_coverage")
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

export async function upsertRepairCategory(db: Db, row: Insertable<Tables["repair_category"]>) {
  const { category_code, ...rest } = row;
  await db
    .insertInto("repair_category")
    .values(row)
    .onConflict((oc) => oc.column("category_code").doUpdateSet(rest))
    .execute();
}

export async function knownCategoryCodes(db: Db, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db.selectFrom("category").select("code").where("code", "in", codes).execute();
  return new Set(rows.map((r) => r.code));
}

export async function knownPartnerIds(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom("service_partner").select("id").execute();
  return new Set(rows.map((r) => r.id));
}

/** Gives a partner a new key (and webhook secret); the old key stops working at once. */
export async function setPartnerKey(db: Db, id: string, keyHash: string, webhookSecret: string, at: Date) {
  const result = await db
    .updateTable("service_partner")
    .set({ key_hash: keyHash, webhook_secret: webhookSecret, updated_at: at.toISOString() })
    .where("id", "=", id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function findPartnerByKeyHash(db: Db, keyHash: string) {
  return db
    .selectFrom("service_partner")
    .select(["id", "name"])
    .where("key_hash", "=", keyHash)
    .executeTakeFirst();
}

export async function findPartner(db: Db, id: string) {
  return db.selectFrom("service_partner").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function centreIdsOfPartner(db: Db, partnerId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("service_centre")
    .select("id")
    .where("partner_id", "=", partnerId)
    .execute();
  return rows.map((r) => r.id);
}

export async function findRepairCategory(db: Db, categoryCode: string) {
  return db
    .selectFrom("repair_category")
    .selectAll()
    .where("category_code", "=", categoryCode)
    .executeTakeFirst();
}

/** The channels an active centre serves for a category at a postcode. */
export async function channelsServed(db: Db, categoryCode: string, postcode: string): Promise<string[]> {
  const rows = await db
    .selectFrom("service_coverage")
    .innerJoin("service_centre", "service_centre.id", "service_coverage.centre_id")
    .select("service_coverage.channel")
    .distinct()
    .where("service_coverage.category_code", "=", categoryCode)
    .where("service_coverage.postcode_from", "<=", postcode)
    .where("service_coverage.postcode_to", ">=", postcode)
    .where("service_centre.active", "=", true)
    .execute();
  return rows.map((r) => r.channel);
}

/**
 * The nearest active centre that serves the category by the channel at the postcode, but those
 * excluded. Nearest by postcode: Norway's run roughly with the map, so the centre whose own
 * postcode is closest in number is a fair first guess; ties go by id.
 */
export async function findCentreFor(
  db: Db,
  want: { categoryCode: string; channel: string; postcode: string; excluding: readonly string[] },
) {
  let query = activeCoverage(db, want.categoryCode, want.channel)
    .select(["service_centre.id", "service_centre.partner_id"])
    .where("service_coverage.postcode_from", "<=", want.postcode)
    .where("service_coverage.postcode_to", ">=", want.postcode);
  if (want.excluding.length > 0) query = query.where("service_centre.id", "not in", want.excluding);
  return query
    .orderBy(sql`abs(cast(service_centre.postal_code as integer) - ${Number(want.postcode)})`)
    .orderBy("service_centre.id")
    .limit(1)
    .executeTakeFirst();
}

/** More coverage rows than a national network has for one category and channel. */
const CENTRES_LISTED = 1000;

/** The coverage rows of active centres for a category by a channel, with their centres. */
function activeCoverage(db: Db, categoryCode: string, channel: string) {
  return db
    .selectFrom("service_coverage")
    .innerJoin("service_centre", "service_centre.id", "service_coverage.centre_id")
    .where("service_coverage.category_code", "=", categoryCode)
    .where("service_coverage.channel", "=", channel)
    .where("service_centre.active", "=", true);
}

/**
 * The active centres that take a category by a channel, anywhere, each with the postcode ranges
 * it serves there: what customer service chooses from when it hands a repair over by hand.
 */
export async function listCentresTaking(db: Db, categoryCode: string, channel: string) {
  return activeCoverage(db, categoryCode, channel)
    .select([
      "service_centre.id",
      "service_centre.partner_id",
      "service_centre.name",
      "service_centre.postal_code",
      "service_centre.city",
      "service_coverage.postcode_from",
      "service_coverage.postcode_to",
    ])
    .orderBy("service_centre.id")
    .limit(CENTRES_LISTED)
    .execute();
}

export async function findCentre(db: Db, id: string) {
  return db.selectFrom("service_centre").selectAll().where("id", "=", id).executeTakeFirst();
}

// ---------------------------------------------------------------- repairs

/** Inserts a repair; false when its product has a repair under way already (or the number was taken). */
export async function insertRepair(db: Db, row: Insertable<RepairTable>): Promise<boolean> {
  const result = await db
    .insertInto("repair")
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

function repairsWithProduct(db: Db) {
  return db
    .selectFrom("repair")
    .innerJoin("model", "model.code", "repair.model_code")
    .selectAll("repair")
    .select(["model.name_nb", "model.name_en"])
    .$narrowType<{ status: RepairStatus }>();
}

export type RepairRow = NonNullable<Awaited<ReturnType<typeof findRepair>>>;

export async function findRepair(db: Db, id: string) {
  return repairsWithProduct(db).where("repair.id", "=", id).executeTakeFirst();
}

/** By its request number (RQ-…) or its job number (RJ-…). */
export async function findRepairByNumber(db: Db, number: string) {
  const column = number.startsWith("RJ-") ? "repair.job_number" : "repair.request_number";
  return repairsWithProduct(db).where(column, "=", number).executeTakeFirst();
}

export async function findRepairByTrackingHash(db: Db, hash: string) {
  return repairsWithProduct(db).where("repair.tracking_hash", "=", hash).executeTakeFirst();
}

export async function findOpenRepairOfRegistration(db: Db, registrationId: string) {
  return db
    .selectFrom("repair")
    .select("id")
    .where("registration_id", "=", registrationId)
    .where("status", "not in", ["closed", "cancelled"])
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirst();
}

export const REPAIRS_LISTED = 50;

export async function listRepairsOfOwner(db: Db, ownerId: string) {
  return repairsWithProduct(db)
    .where("repair.owner_id", "=", ownerId)
    .orderBy("repair.created_at", "desc")
    .limit(REPAIRS_LISTED)
    .execute();
}

/** An owner's repairs under way, newest first (a few at most: one per product). */
export async function listOpenRepairsOfOwner(db: Db, ownerId: string) {
  return repairsWithProduct(db)
    .where("repair.owner_id", "=", ownerId)
    .where("repair.status", "not in", ["closed", "cancelled"])
    .orderBy("repair.created_at", "desc")
    .limit(REPAIRS_LISTED)
    .execute();
}

/** The unit's repairs under every registration it has had, newest first (`repair_unit_idx`). */
export async function listRepairsOfUnit(db: Db, serial: string) {
  return repairsWithProduct(db)
    .where("repair.unit_serial", "=", serial)
    .orderBy("repair.created_at", "desc")
    .limit(REPAIRS_LISTED)
    .execute();
}

/** Every repair for staff, newest first: by status, by number, or all. */
export async function listRepairsForStaff(db: Db, filter: { status?: RepairStatus; number?: string }) {
  let query = repairsWithProduct(db)
    .innerJoin("user", "user.id", "repair.owner_id")
    .leftJoin("service_centre", "service_centre.id", "repair.centre_id")
    .select(["user.name as owner_name", "service_centre.name as centre_name"]);
  if (filter.number) {
    const column = filter.number.startsWith("RJ-") ? "repair.job_number" : "repair.request_number";
    query = query.where(column, "=", filter.number);
  } else if (filter.status) query = query.where("repair.status", "=", filter.status);
  return query.orderBy("repair.created_at", "desc").limit(REPAIRS_LISTED).execute();
}

/** A partner's jobs, newest first: those of its centres, in one status or any. */
export async function listPartnerJobs(
  db: Db,
  centreIds: readonly string[],
  status: RepairStatus | undefined,
) {
  if (centreIds.length === 0) return [];
  let query = repairsWithProduct(db).where("repair.centre_id", "in", centreIds);
  if (status) query = query.where("repair.status", "=", status);
  return query.orderBy("repair.created_at", "desc").limit(REPAIRS_LISTED).execute();
}

/**
 * What a centre writes on a job before it has the product (delays, parts, where to collect, its
 * clock): cleared when the job leaves that centre, so the next centre and the owner start afresh.
 */
export const LEFT_BY_A_CENTRE = {
  delay: null,
  parts: null,
  collection_place: null,
  return_tracking: null,
  partner_event_at: null,
} as const satisfies Updateable<RepairTable>;

/**
 * Changes a repair that is still in the status the change was decided on; false when another
 * change came first (the caller reads it again and answers from what it finds).
 */
export async function updateRepair(
  db: Db,
  id: string,
  expected: { status: RepairStatus; updatedAt?: string | Date; centreId?: string | null },
  patch: Updateable<RepairTable>,
): Promise<boolean> {
  let query = db.updateTable("repair").set(patch).where("id", "=", id).where("status", "=", expected.status);
  if (expected.updatedAt !== undefined) query = query.where("updated_at", "=", expected.updatedAt);
  if (expected.centreId !== undefined)
    query =
      expected.centreId === null
        ? query.where("centre_id", "is", null)
        : query.where("centre_id", "=", expected.centreId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function setTrackingHash(db: Db, id: string, hash: string | null, at: Date) {
  await db
    .updateTable("repair")
    .set({ tracking_hash: hash, updated_at: at.toISOString() })
    .where("id", "=", id)
    .execute();
}

/** The owner's name, address and language, for the mail about a repair. */
export async function findRepairRecipient(db: Db, ownerId: string) {
  return db
    .selectFrom("user")
    .select(["name", "email", "locale"])
    .where("id", "=", ownerId)
    .executeTakeFirstOrThrow();
}

// ---------------------------------------------------------------- history

/** Records an event; false when the partner sent this event id before. */
export async function insertRepairEvent(
  db: Db,
  row: Omit<Insertable<Tables["repair_event"]>, "id">,
): Promise<boolean> {
  const result = await db
    .insertInto("repair_event")
    .values({ id: newRowId(), ...row })
    .onConflict((oc) => oc.columns(["partner_id", "repair_id", "partner_event_id"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** A partner's event on a job, by the partner's own id for it: its stored answer. */
export async function findPartnerEvent(db: Db, partnerId: string, repairId: string, eventId: string) {
  return db
    .selectFrom("repair_event")
    .select(["repair_id", "answer"])
    .where("partner_id", "=", partnerId)
    .where("repair_id", "=", repairId)
    .where("partner_event_id", "=", eventId)
    .executeTakeFirst();
}

export async function setEventAnswer(
  db: Db,
  partnerId: string,
  repairId: string,
  eventId: string,
  answer: string,
) {
  await db
    .updateTable("repair_event")
    .set({ answer })
    .where("partner_id", "=", partnerId)
    .where("repair_id", "=", repairId)
    .where("partner_event_id", "=", eventId)
    .execute();
}

/** The most events a repair's history shows: its latest, so a chatty partner cannot grow every page. */
export const EVENTS_SHOWN = 200;

/** A repair's history, oldest first: its latest EVENTS_SHOWN events. */
export async function listRepairEvents(db: Db, repairId: string) {
  const rows = await db
    .selectFrom("repair_event")
    .select(["kind", "status", "actor", "applied", "occurred_at", "detail"])
    .where("repair_id", "=", repairId)
    .orderBy("occurred_at", "desc")
    .orderBy("id", "desc")
    .limit(EVENTS_SHOWN)
    .execute();
  return rows.reverse();
}

/** The centres that turned a repair down, from its history. */
export async function rejectionsOf(db: Db, repairId: string) {
  return db
    .selectFrom("repair_event")
    .select("detail")
    .where("repair_id", "=", repairId)
    .where("kind", "=", "rejected")
    .execute();
}

/** Removes the repair settings of the categories a new import leaves out. */
export async function deleteRepairCategoriesNotIn(db: Db, codes: readonly string[]) {
  let query = db.deleteFrom("repair_category");
  if (codes.length > 0) query = query.where("category_code", "not in", codes);
  await query.execute();
}

// ---------------------------------------------------------------- photos

export async function insertRepairPhoto(db: Db, row: Insertable<Tables["repair_photo"]>): Promise<boolean> {
  const result = await db
    .insertInto("repair_photo")
    .values(row)
    .onConflict((oc) => oc.columns(["repair_id", "slot"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function listRepairPhotos(db: Db, repairId: string) {
  return db
    .selectFrom("repair_photo")
    .select(["id", "slot", "media_type", "size", "storage_key"])
    .where("repair_id", "=", repairId)
    .orderBy("slot")
    .execute();
}

export async function findRepairPhotoKey(db: Db, fileId: string): Promise<string | null> {
  const row = await db
    .selectFrom("repair_photo")
    .select("storage_key")
    .where("id", "=", fileId)
    .executeTakeFirst();
  return row?.storage_key ?? null;
}
