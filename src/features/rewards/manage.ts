import type { Database } from "../../db/database.ts";
import { newRowId } from "../../db/row-id.ts";
import { toInstant } from "../../db/tables.ts";
import type { Clock } from "../../domain/clock.ts";
import type { Actor } from "../../server/actor.ts";
import { authorize } from "../../server/policy.ts";
import { notFound, Problem } from "../../server/problem.ts";
import { audit } from "../audit/service.ts";
import { findCategory } from "../catalogue/queries.ts";
import {
  codesInPool,
  deleteRule,
  findReward,
  insertCodes,
  insertReward,
  listRewards,
  listRules,
  type RewardRow,
  updateReward,
  upsertRule,
} from "./queries.ts";
import {
  CODE_PATTERN,
  CODES_PER_UPLOAD,
  type PointsRule,
  type RewardBody,
  type RuleBody,
  type StaffReward,
} from "./schemas.ts";

/** Staff keep the earning rules and the rewards catalogue (`rewards.manage`: editors and admins). */

export async function readRules(database: Database, actor: Actor): Promise<{ rules: PointsRule[] }> {
  authorize(actor, { kind: "rewards.manage" });
  const rows = await listRules(database.db);
  return {
    rules: rows.map((r) => ({
      id: r.id,
      action: r.action as PointsRule["action"],
      categoryCode: r.category_code,
      points: Number(r.points),
      pendingDays: Number(r.pending_days),
      validityMonths: Number(r.validity_months),
      updatedAt: toInstant(r.updated_at),
    })),
  };
}

/**
 * Sets the rule for an action and category (null: any), replacing the one there was.
 *
 * @throws Problem `points_rule.category_unknown`: a category the catalogue does not have, or one
 *   given for My information, which has none
 */
export async function putRule(database: Database, clock: Clock, actor: Actor, body: RuleBody) {
  authorize(actor, { kind: "rewards.manage" });
  if (body.categoryCode !== null) {
    if (body.action === "profile-complete" || !(await findCategory(database.db, body.categoryCode)))
      throw new Problem("points_rule.category_unknown", "There is no such category for this rule.");
  }
  const at = clock.now();
  await database.db.transaction().execute(async (trx) => {
    await upsertRule(trx, body, at.toISOString());
    await audit(trx, {
      actor,
      action: "points_rule.set",
      ownerId: null,
      subjectType: "points_rule",
      subjectId: null,
      detail: { ...body },
      at,
    });
  });
  return readRules(database, actor);
}

export async function removeRule(database: Database, clock: Clock, actor: Actor, id: string): Promise<void> {
  authorize(actor, { kind: "rewards.manage" });
  const at = clock.now();
  await database.db.transaction().execute(async (trx) => {
    const removed = await deleteRule(trx, id);
    if (!removed) throw notFound("points_rule");
    await audit(trx, {
      actor,
      action: "points_rule.removed",
      ownerId: null,
      subjectType: "points_rule",
      subjectId: id,
      detail: { action: removed.action, categoryCode: removed.category_code },
      at,
    });
  });
}

function presentReward(r: Awaited<ReturnType<typeof listRewards>>[number]): StaffReward {
  return {
    id: r.id,
    names: { nb: r.name_nb, en: r.name_en },
    descriptions: { nb: r.description_nb, en: r.description_en },
    cost: Number(r.cost),
    activeFrom: r.active_from === null ? null : String(r.active_from).slice(0, 10),
    activeTo: r.active_to === null ? null : String(r.active_to).slice(0, 10),
    codesTotal: Number(r.codes_total),
    codesIssued: Number(r.codes_issued),
  };
}

export async function staffRewards(database: Database, actor: Actor): Promise<{ rewards: StaffReward[] }> {
  authorize(actor, { kind: "rewards.manage" });
  return { rewards: (await listRewards(database.db)).map(presentReward) };
}

function rowOf(body: RewardBody): RewardRow {
  return {
    name_nb: body.names.nb,
    name_en: body.names.en,
    description_nb: body.descriptions.nb,
    description_en: body.descriptions.en,
    cost: body.cost,
    active_from: body.activeFrom,
    active_to: body.activeTo,
  };
}

async function oneReward(database: Database, id: string): Promise<StaffReward> {
  const row = await findReward(database.db, id);
  if (!row) throw notFound("reward");
  return presentReward(row);
}

export async function createReward(
  database: Database,
  clock: Clock,
  actor: Actor,
  body: RewardBody,
): Promise<StaffReward> {
  authorize(actor, { kind: "rewards.manage" });
  const id = newRowId();
  await insertReward(database.db, id, rowOf(body), clock.now().toISOString());
  return oneReward(database, id);
}

export async function changeReward(
  database: Database,
  clock: Clock,
  actor: Actor,
  id: string,
  body: RewardBody,
): Promise<StaffReward> {
  authorize(actor, { kind: "rewards.manage" });
  if (!(await updateReward(database.db, id, rowOf(body), clock.now().toISOString())))
    throw notFound("reward");
  return oneReward(database, id);
}

/**
 * Adds a pool of codes to a reward, one a line (blank lines left out). All or nothing: a code that
 * is in the upload twice or in the pool already refuses the whole upload (409 with the codes).
 *
 * @throws Problem `reward.codes_too_many`, `request.invalid` (a code that is not 1–64 letters,
 *   digits, `-` or `_`), `reward.codes_duplicate`, `reward.not_found`
 */
export async function uploadCodes(
  database: Database,
  clock: Clock,
  actor: Actor,
  id: string,
  text: string,
): Promise<{ added: number; codesTotal: number }> {
  authorize(actor, { kind: "rewards.manage" });
  const codes = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
  if (codes.length > CODES_PER_UPLOAD)
    throw new Problem("reward.codes_too_many", `Upload at most ${CODES_PER_UPLOAD} codes at a time.`);
  const invalid = codes.filter((c) => !CODE_PATTERN.test(c));
  if (invalid.length > 0 || codes.length === 0)
    throw new Problem("request.invalid", "Each line must be one code: letters, digits, - or _, at most 64.", {
      fields: [
        { path: "body.codes", message: invalid.length > 0 ? `Not a code: ${invalid[0]}` : "No codes" },
      ],
    });
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const c of codes) (seen.has(c) ? twice : seen).add(c);
  const at = clock.now();
  return database.db.transaction().execute(async (trx) => {
    const reward = await findReward(trx, id);
    if (!reward) throw notFound("reward");
    const duplicates = [...twice, ...(await codesInPool(trx, id, [...seen]))];
    if (duplicates.length > 0)
      throw new Problem(
        "reward.codes_duplicate",
        "Some codes are in the upload twice or in the pool already.",
        {
          codes: duplicates.slice(0, 20),
        },
      );
    const added = await insertCodes(trx, id, codes, at.toISOString());
    await audit(trx, {
      actor,
      action: "reward.codes_added",
      ownerId: null,
      subjectType: "reward",
      subjectId: id,
      detail: { added },
      at,
    });
    return { added, codesTotal: Number(reward.codes_total) + added };
  });
}
