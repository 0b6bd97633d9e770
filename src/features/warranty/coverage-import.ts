import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import { addMonths, type CalendarDate, compareDates } from "../../domain/calendar-date.ts";
import type { Clock } from "../../domain/clock.ts";
import { normalizeIdentifier } from "../../domain/identifier.ts";
import { IMEI_LENGTH } from "../../domain/identifier-rules.ts";
import { datedCoverageProblem, periodsOverlap } from "../../domain/warranty.ts";
import { readNdjsonLine } from "../../server/ndjson.ts";
import {
  findConfirmedUnit,
  findWarrantyPlan,
  insertUnitCoverage,
  listCoveragesOfUnit,
  updateUnitCoverageDates,
  upsertWarrantyPlan,
} from "./queries.ts";
import {
  type UnitCoverageLine,
  type UnitCoverageRejection,
  unitCoverageLineSchema,
  type WarrantyPlanList,
} from "./schemas.ts";
import { scheduleRemindersOfUnit } from "./service.ts";

/**
 * The extended-warranty products the operator sells, and the sales of them per unit (issue 16):
 * both come from the operator's systems. A sale names the unit by serial or IMEI, the product by
 * its code, and its own dates; it is refused with a code when its dates are inverted, when it
 * overlaps another extended warranty of the same unit, or when the unit or product is unknown.
 * The same sale sent again changes nothing; with new dates, it moves them.
 */

/** Stores (or replaces) each extended-warranty product of the list. */
export async function importWarrantyPlans(database: Database, clock: Clock, list: WarrantyPlanList) {
  const at = clock.now();
  await database.db.transaction().execute(async (trx) => {
    for (const plan of list.plans) {
      await upsertWarrantyPlan(
        trx,
        {
          code: plan.code,
          name_nb: plan.names.nb,
          name_en: plan.names.en,
          months: plan.months,
          parts: plan.covers.parts,
          labour: plan.covers.labour,
          terms_nb: plan.terms.nb,
          terms_en: plan.terms.en,
        },
        at,
      );
    }
  });
  return { stored: list.plans.length };
}

type LineOutcome =
  | { status: "stored" | "updated" | "unchanged" }
  | { status: "rejected"; code: UnitCoverageRejection["code"]; reason: string };

const reject = (code: UnitCoverageRejection["code"], reason: string): LineOutcome => ({
  status: "rejected",
  code,
  reason,
});

/** One sale of an extended warranty: checked, then stored with the unit's reminders moved. */
async function importUnitCoverage(
  database: Database,
  clock: Clock,
  config: Config,
  line: UnitCoverageLine,
): Promise<LineOutcome> {
  const identifier = normalizeIdentifier(line.identifier);
  const by =
    identifier.length === IMEI_LENGTH && /^\d+$/.test(identifier)
      ? { imei: identifier }
      : { serial: identifier };
  const [unit, plan] = await Promise.all([
    findConfirmedUnit(database.db, by),
    findWarrantyPlan(database.db, line.plan),
  ]);
  if (!plan)
    return reject("coverage.plan_unknown", `No extended-warranty product has the code ${line.plan}.`);
  if (!unit) return reject("coverage.unit_unknown", "No unit has this serial number or IMEI.");
  const start = line.startsOn as CalendarDate;
  const end = (line.endsOn ?? addMonths(start, plan.months)) as CalendarDate;
  if (datedCoverageProblem(start, end))
    return reject("coverage.dates_inverted", "The coverage ends before it starts.");
  if (unit.manufactured_on && compareDates(start, unit.manufactured_on as CalendarDate) < 0)
    return reject("coverage.before_manufacture", "The coverage starts before the unit was made.");
  const existing = await listCoveragesOfUnit(database.db, unit.serial);
  const same = existing.find((c) => c.plan_code === line.plan && c.reference === line.reference);
  if (same && same.starts_on === start && same.ends_on === end) return { status: "unchanged" };
  const clash = existing.find(
    (c) =>
      c !== same &&
      periodsOverlap({ start, end }, { start: c.starts_on as CalendarDate, end: c.ends_on as CalendarDate }),
  );
  if (clash)
    return reject(
      "coverage.overlap",
      `The coverage overlaps the unit's extended warranty ${clash.plan_code} (${clash.starts_on} to ${clash.ends_on}).`,
    );
  const at = clock.now();
  await database.db.transaction().execute(async (trx) => {
    if (same) await updateUnitCoverageDates(trx, same.id, { startsOn: start, endsOn: end });
    else
      await insertUnitCoverage(trx, {
        serial: unit.serial,
        planCode: line.plan,
        startsOn: start,
        endsOn: end,
        reference: line.reference,
        at,
      });
    await scheduleRemindersOfUnit(trx, config, at, { serial: unit.serial });
  });
  return { status: same ? "updated" : "stored" };
}

const MAX_LINES = 100_000;

/**
 * Sales of extended warranties from NDJSON lines: each line on its own, bad lines reported with
 * their number, code and reason, the rest stored.
 *
 * @throws Problem `import.format` past {@link MAX_LINES} lines
 */
export async function importUnitCoverageLines(
  database: Database,
  clock: Clock,
  config: Config,
  lines: AsyncIterable<string>,
  onReject: (rejection: UnitCoverageRejection) => void,
) {
  const counts = { stored: 0, updated: 0, unchanged: 0, rejected: 0 };
  let line = 0;
  for await (const raw of lines) {
    line++;
    if (line > MAX_LINES) {
      onReject({ line, code: "import.format", reason: `at most ${MAX_LINES} lines per request` });
      counts.rejected++;
      break;
    }
    if (raw.trim() === "") continue;
    const refuse = (code: UnitCoverageRejection["code"], reason: string) => {
      counts.rejected++;
      onReject({ line, code, reason });
    };
    const input = readNdjsonLine(raw, unitCoverageLineSchema);
    if (!input.ok) {
      refuse("import.format", input.reason);
      continue;
    }
    const outcome = await importUnitCoverage(database, clock, config, input.value);
    if (outcome.status === "rejected") refuse(outcome.code, outcome.reason);
    else counts[outcome.status]++;
  }
  return counts;
}
