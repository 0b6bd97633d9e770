import type { Kysely } from "kysely";
import type { Tables } from "../../db/tables.ts";

type Db = Kysely<Tables>;

// The look-up clients: the partners the operator gives a key (a bounded table).

export async function insertLookupClient(
  db: Db,
  row: { id: string; name: string; keyHash: string; perMinute: number; at: Date },
): Promise<void> {
  await db
    .insertInto("lookup_client")
    .values({
      id: row.id,
      name: row.name,
      key_hash: row.keyHash,
      per_minute: row.perMinute,
      created_at: row.at.toISOString(),
      revoked_at: null,
    })
    .execute();
}

/** Every client, revoked ones too, oldest first. */
export async function listLookupClients(db: Db) {
  return db
    .selectFrom("lookup_client")
    .select(["id", "name", "per_minute", "created_at", "revoked_at"])
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export async function findLookupClient(db: Db, id: string) {
  return db.selectFrom("lookup_client").select(["id", "revoked_at"]).where("id", "=", id).executeTakeFirst();
}

/** Revokes the key unless it is revoked already (the first revocation's time stays). */
export async function revokeLookupClient(db: Db, id: string, at: Date): Promise<void> {
  await db
    .updateTable("lookup_client")
    .set({ revoked_at: at.toISOString() })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .execute();
}

/** The client whose key hashes to this, while its key is not revoked (on the unique hash). */
export async function findActiveLookupClientByKeyHash(db: Db, keyHash: string) {
  return db
    .selectFrom("lookup_client")
    .select(["id", "name", "per_minute"])
    .where("key_hash", "=", keyHash)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
}

// A batch's units, as far as a partner sees them: never who owns them.

/**
 * The units with one of these serials or IMEIs (either IMEI slot), with their model and category,
 * in one statement on the serial key and the two unique IMEI indexes.
 */
export async function listUnitsByIdentifiers(db: Db, serials: readonly string[], imeis: readonly string[]) {
  if (serials.length === 0 && imeis.length === 0) return [];
  return db
    .selectFrom("unit")
    .innerJoin("model", "model.code", "unit.model_code")
    .innerJoin("category", "category.code", "model.category_code")
    .select([
      "unit.serial as unit_serial",
      "unit.imei1",
      "unit.imei2",
      "unit.manufactured_on",
      "unit.market",
      "model.code as model_code",
      "model.name_nb",
      "model.name_en",
      "model.category_code",
      "category.statutory_class",
      "category.registration_bonus_months",
    ])
    .where((eb) =>
      eb.or([
        ...(serials.length > 0 ? [eb("unit.serial", "in", serials)] : []),
        ...(imeis.length > 0 ? [eb("unit.imei1", "in", imeis), eb("unit.imei2", "in", imeis)] : []),
      ]),
    )
    .execute();
}

/**
 * The active registration of each of these units, if any: only whether there is one and the
 * purchase date its owner stated (on the partial unique index of active registrations by unit).
 */
export async function listActiveRegistrationDates(db: Db, serials: readonly string[]) {
  if (serials.length === 0) return [];
  return db
    .selectFrom("registration")
    .select(["unit_serial", "purchase_date"])
    .where("unit_serial", "in", serials)
    .where("removed_at", "is", null)
    .execute();
}
