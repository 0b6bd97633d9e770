import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/database.ts";
import { prepared } from "../../db/prepared.ts";
import { type Tables, toInstant } from "../../db/tables.ts";

const registeredUnit = prepared((db, serial: string) =>
  db
    .selectFrom("registration")
    .innerJoin("unit", "unit.serial", "registration.unit_serial")
    .innerJoin("model", "model.code", "unit.model_code")
    .innerJoin("user", "user.id", "registration.owner_id")
    .select([
      "registration.id",
      "registration.unit_serial",
      "registration.registered_at",
      "registration.owner_id",
      "model.name_nb",
      "model.name_en",
      "user.name as owner_name",
      "user.email as owner_email",
    ])
    .where("registration.unit_serial", "=", serial)
    .where("registration.removed_at", "is", null),
);

/** The unit's active registration with its product and owner, if it has one. */
export async function findRegisteredUnit(db: Kysely<Tables>, serial: string) {
  const [row] = await registeredUnit(db, serial);
  return row ? { ...row, registered_at: toInstant(row.registered_at) } : undefined;
}

const CUSTOMER_COLUMNS = ["user.id", "user.name", "user.email", "profile.phone"] as const;

function customers(db: Kysely<Tables>) {
  return db
    .selectFrom("user")
    .leftJoin("profile", "profile.user_id", "user.id")
    .select(CUSTOMER_COLUMNS)
    .where("user.role", "=", "customer");
}

export type CustomerRow = Awaited<ReturnType<ReturnType<typeof customers>["execute"]>>[number];

/** The customer with this e-mail address (stored in lower case, unique). */
export async function findCustomerByEmail(db: Kysely<Tables>, email: string): Promise<CustomerRow[]> {
  return customers(db).where("user.email", "=", email).execute();
}

/** Customers whose phone has this key (`profile_phone_key_idx`), at most `limit`. */
export async function findCustomersByPhoneKey(db: Kysely<Tables>, key: string, limit: number) {
  return customers(db).where("profile.phone_key", "=", key).orderBy("user.name").limit(limit).execute();
}

/**
 * Customers whose name begins with one of `prefixes`, each a range of `user_name_search_idx` (in
 * byte order: "C" on PostgreSQL), at most `limit`, by name.
 */
export async function findCustomersByNamePrefix(
  database: Database,
  prefixes: readonly string[],
  limit: number,
): Promise<CustomerRow[]> {
  const name =
    database.dialect === "postgres" ? sql`${sql.ref("user.name")} collate "C"` : sql.ref("user.name");
  const rows = await Promise.all(
    prefixes.map((prefix) =>
      customers(database.db)
        .where(sql<boolean>`${name} >= ${prefix} and ${name} < ${prefixEnd(prefix)}`)
        .orderBy(sql`${name}`)
        .limit(limit)
        .execute(),
    ),
  );
  const byId = new Map(rows.flat().map((row) => [row.id, row]));
  return [...byId.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).slice(0, limit);
}

/** The first string after every string that begins with `prefix`, in code point order. */
function prefixEnd(prefix: string): string {
  const points = [...prefix];
  const last = points.pop() ?? "";
  return points.join("") + String.fromCodePoint((last.codePointAt(0) ?? 0) + 1);
}

/** A claim by its number (its id), with its owner and product. */
export async function findClaimWithOwner(db: Kysely<Tables>, id: string) {
  return db
    .selectFrom("warranty_claim")
    .innerJoin("user", "user.id", "warranty_claim.owner_id")
    .leftJoin("model", "model.code", "warranty_claim.model_code")
    .select([
      "warranty_claim.id",
      "warranty_claim.status",
      "warranty_claim.registration_id",
      "warranty_claim.created_at",
      "user.id as owner_id",
      "user.name as owner_name",
      "model.name_nb",
      "model.name_en",
    ])
    .where("warranty_claim.id", "=", id)
    .executeTakeFirst();
}

/** The people who own these ids, for the repairs found by number. */
export async function findOwnerNames(db: Kysely<Tables>, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db.selectFrom("user").select(["id", "name"]).where("id", "in", ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
