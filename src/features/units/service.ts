import type { Kysely } from "kysely";
import type { Database } from "../../db/database.ts";
import type { Tables } from "../../db/tables.ts";
import type { Clock } from "../../domain/clock.ts";
import { lookAlikeKey } from "../../domain/look-alike.ts";
import { Problem } from "../../server/problem.ts";
import { ImportFormatError, importUnits, type Rejection } from "./import.ts";
import { findUnitBySerial, findUnitsByLookAlikeKey } from "./queries.ts";
import type { UnitImportResult } from "./schemas.ts";

export type UnitRecord = Awaited<ReturnType<typeof findUnitsByLookAlikeKey>>[number];

/** The most lines one HTTP request may carry, and the most rejections its answer lists. */
const MAX_LINES = 1_000_000;
const MAX_REJECTIONS_SHOWN = 1000;

/**
 * Looks up a normalized serial: the exact unit, or else the units that differ from it only by
 * look-alike characters (B1, "did you mean …?"). The exact unit comes from the serial's own key,
 * one index entry with its row; only a miss asks the look-alike index, whose rows are elsewhere.
 *
 * @example
 * const { exact, candidates } = await lookUpSerial(db, "HK3N3OOO12A");
 */
export async function lookUpSerial(
  db: Kysely<Tables>,
  serial: string,
): Promise<{ exact: UnitRecord | null; candidates: UnitRecord[] }> {
  const exact = await findUnitBySerial(db, serial);
  if (exact) return { exact, candidates: [] };
  return { exact: null, candidates: await findUnitsByLookAlikeKey(db, lookAlikeKey(serial)) };
}

/**
 * A factory feed sent over HTTP (NDJSON lines): imported, with the first rejections in line order.
 * A feed that is not a feed at all (too many lines) is the problem `import.format`.
 *
 * @example
 * const result = await importUnitFeed(database, app.clock, ndjsonLines(request.body));
 */
export async function importUnitFeed(
  database: Database,
  clock: Clock,
  lines: AsyncIterable<string>,
): Promise<UnitImportResult> {
  const rejections: Rejection[] = [];
  try {
    const summary = await importUnits(database, lines, {
      format: "ndjson",
      maxLines: MAX_LINES,
      clock,
      onReject(rejection) {
        if (rejections.length < MAX_REJECTIONS_SHOWN) rejections.push(rejection);
      },
    });
    return { ...summary, rejections: rejections.sort((a, b) => a.line - b.line) };
  } catch (error) {
    if (error instanceof ImportFormatError) throw new Problem("import.format", error.message);
    throw error;
  }
}
