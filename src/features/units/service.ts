import type { Kysely } from "kysely";
import type { Tables } from "../../db/tables.ts";
import { lookAlikeKey } from "../../domain/look-alike.ts";
import { findUnitsByLookAlikeKey } from "./queries.ts";

export type UnitRecord = Awaited<ReturnType<typeof findUnitsByLookAlikeKey>>[number];

/**
 * Looks up a normalized serial: the exact unit, or else the units that differ from it only by
 * look-alike characters (B1, "did you mean …?"), from one indexed query.
 *
 * @example
 * const { exact, candidates } = await lookUpSerial(db, "HK3N3OOO12A");
 */
export async function lookUpSerial(
  db: Kysely<Tables>,
  serial: string,
): Promise<{ exact: UnitRecord | null; candidates: UnitRecord[] }> {
  const rows = await findUnitsByLookAlikeKey(db, lookAlikeKey(serial));
  const exact = rows.find((r) => r.serial === serial) ?? null;
  return { exact, candidates: exact ? [] : rows };
}
