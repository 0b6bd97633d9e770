import { CompiledQuery, type Kysely } from "kysely";
import type { Database } from "../../db/database.ts";
import { prepared } from "../../db/prepared.ts";
import type { Tables } from "../../db/tables.ts";
import { isIdentifierRule } from "../../domain/identifier-rules.ts";
import type { ModelRules, UnitRow } from "./row.ts";

/** The unit table's columns in the order the bulk statements bind them. */
export const UNIT_COLUMNS = [
  "serial",
  "imei1",
  "imei2",
  "model_code",
  "manufactured_on",
  "market",
  "look_alike_key",
] as const;
const CHANGED =
  "unit.imei1 is distinct from excluded.imei1 or unit.imei2 is distinct from excluded.imei2 or unit.model_code <> excluded.model_code or unit.manufactured_on is distinct from excluded.manufactured_on or unit.market <> excluded.market";
const UPSERT_TAIL = ` on conflict (serial) do update set imei1 = excluded.imei1, imei2 = excluded.imei2, model_code = excluded.model_code, manufactured_on = excluded.manufactured_on, market = excluded.market, look_alike_key = excluded.look_alike_key where ${CHANGED}`;
const sqliteStatements = new Map<number, string>();

/**
 * Writes a batch of units; a unit already stored with the same values is left alone, so
 * re-importing a file changes nothing. Returns how many rows were inserted or changed.
 *
 * The SQL is written out by hand because this is the import's hot loop: on PostgreSQL one
 * statement takes the whole batch as arrays (`unnest`), on SQLite one multi-row statement per
 * batch size is prepared once and reused.
 */
export async function upsertUnits(
  database: Pick<Database, "dialect">,
  db: Kysely<Tables>,
  rows: UnitRow[],
): Promise<number> {
  if (rows.length === 0) return 0;
  let query: CompiledQuery;
  if (database.dialect === "postgres") {
    const arrays = UNIT_COLUMNS.map((c) => rows.map((r) => r[c]));
    query = CompiledQuery.raw(
      `insert into unit (${UNIT_COLUMNS.join(", ")}) select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[], $6::text[], $7::text[])${UPSERT_TAIL}`,
      arrays,
    );
  } else {
    let text = sqliteStatements.get(rows.length);
    if (!text) {
      const tuple = `(${UNIT_COLUMNS.map(() => "?").join(", ")})`;
      text = `insert into unit (${UNIT_COLUMNS.join(", ")}) values ${Array(rows.length).fill(tuple).join(", ")}${UPSERT_TAIL}`;
      sqliteStatements.set(rows.length, text);
    }
    query = CompiledQuery.raw(
      text,
      rows.flatMap((r) => UNIT_COLUMNS.map((c) => r[c])),
    );
  }
  const result = await db.executeQuery(query);
  return Number(result.numAffectedRows ?? 0n);
}

export async function modelRules(db: Kysely<Tables>): Promise<Map<string, ModelRules>> {
  const rows = await db
    .selectFrom("model")
    .innerJoin("category", "category.code", "model.category_code")
    .select(["model.code", "model.model_year", "category.identifier_rule"])
    .execute();
  return new Map(
    rows.map((r) => [
      r.code,
      {
        identifierRule: isIdentifierRule(r.identifier_rule) ? r.identifier_rule : null,
        modelYear: r.model_year,
      },
    ]),
  );
}

const unitColumns = ["serial", "imei1", "imei2", "model_code", "manufactured_on", "market"] as const;

// Every registration and identifier check looks a unit up: compiled once.
const unitBySerial = prepared((db, serial: string) =>
  db.selectFrom("unit").select(unitColumns).where("serial", "=", serial),
);
const unitByImei = prepared((db, imei: string) =>
  db
    .selectFrom("unit")
    .select(unitColumns)
    .where((eb) => eb.or([eb("imei1", "=", imei), eb("imei2", "=", imei)])),
);
/** At most this many units answer for one typed serial (a constant: see src/db/sqlite-dialect.ts). */
const LOOK_ALIKE_CANDIDATES = 6;

const unitsByLookAlikeKey = prepared((db, key: string) =>
  db.selectFrom("unit").select(unitColumns).where("look_alike_key", "=", key).limit(LOOK_ALIKE_CANDIDATES),
);

/** The unit with this (normalized) serial. */
export async function findUnitBySerial(db: Kysely<Tables>, serial: string) {
  const [row] = await unitBySerial(db, serial);
  return row;
}

/** The unit with this IMEI in either slot. */
export async function findUnitByImei(db: Kysely<Tables>, imei: string) {
  const [row] = await unitByImei(db, imei);
  return row;
}

/**
 * One indexed query for a typed serial: the exact unit, if any, comes back together with the
 * units whose serial differs only by look-alike characters (they share the folded key).
 */
export async function findUnitsByLookAlikeKey(db: Kysely<Tables>, key: string) {
  return unitsByLookAlikeKey(db, key);
}

const seenStatements = new Map<number, string>();

/**
 * Records the keys (serials and IMEIs) of a batch as seen by import `importId`, and returns the
 * keys that were seen before in the same import, with the line where they first appeared.
 */
export async function rememberKeys(
  database: Pick<Database, "dialect">,
  db: Kysely<Tables>,
  importId: string,
  startedAt: string,
  keys: { key: string; line: number }[],
): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  let query: CompiledQuery;
  if (database.dialect === "postgres") {
    query = CompiledQuery.raw(
      "insert into import_seen (import_id, key, line, started_at) select $1, k, l, $4::timestamptz from unnest($2::text[], $3::int[]) as t(k, l) on conflict do nothing returning key",
      [importId, keys.map((k) => k.key), keys.map((k) => k.line), startedAt],
    );
  } else {
    let text = seenStatements.get(keys.length);
    if (!text) {
      text = `insert into import_seen (import_id, key, line, started_at) values ${Array(keys.length).fill("(?, ?, ?, ?)").join(", ")} on conflict do nothing returning key`;
      seenStatements.set(keys.length, text);
    }
    query = CompiledQuery.raw(
      text,
      keys.flatMap((k) => [importId, k.key, k.line, startedAt]),
    );
  }
  const inserted = new Set((await db.executeQuery<{ key: string }>(query)).rows.map((r) => r.key));
  const repeated = keys.filter((k) => !inserted.has(k.key)).map((k) => k.key);
  if (repeated.length === 0) return new Map();
  const rows = await db
    .selectFrom("import_seen")
    .select(["key", "line"])
    .where("import_id", "=", importId)
    .where("key", "in", repeated)
    .execute();
  return new Map(rows.map((r) => [r.key, r.line]));
}

/** Forgets what an import saw, and what imports started before `startedBefore` saw (killed ones). */
export async function forgetImports(
  db: Kysely<Tables>,
  importId: string,
  startedBefore: string,
): Promise<void> {
  await db
    .deleteFrom("import_seen")
    .where((eb) => eb.or([eb("import_id", "=", importId), eb("started_at", "<", startedBefore)]))
    .execute();
}

/**
 * A unit a service centre put in the place of another (a replacement from stock that the factory
 * feed has not named yet): the old unit's model, market and manufacture date. Nothing is
 * changed when the unit is known already.
 */
export async function insertReplacementUnit(
  db: Kysely<Tables>,
  unit: {
    serial: string;
    modelCode: string;
    market: string;
    manufacturedOn: string | null;
    lookAlikeKey: string;
  },
): Promise<void> {
  await db
    .insertInto("unit")
    .values({
      serial: unit.serial,
      imei1: null,
      imei2: null,
      model_code: unit.modelCode,
      manufactured_on: unit.manufacturedOn,
      market: unit.market,
      look_alike_key: unit.lookAlikeKey,
      replaced_by: null,
    })
    .onConflict((oc) => oc.column("serial").doNothing())
    .execute();
}

/** Marks a unit as replaced by another in a repair. */
export async function markUnitReplaced(db: Kysely<Tables>, serial: string, by: string): Promise<void> {
  await db.updateTable("unit").set({ replaced_by: by }).where("serial", "=", serial).execute();
}
