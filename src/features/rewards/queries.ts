import { type Kysely, sql } from "kysely";
import { prepared } from "../../db/prepared.ts";
import { newRowId } from "../../db/row-id.ts";
import { type Tables, toInstant } from "../../db/tables.ts";
import type { LedgerEntry } from "../../domain/points.ts";

type Db = Kysely<Tables>;

// My Page reads the lots and the latest movements on every visit: they are compiled once (src/db/prepared.ts).

const lotsOfOwner = prepared((db, ownerId: string) =>
  db
    .selectFrom("points_ledger")
    .select(["id", "points", "lot_id", "active_from", "expires_at"])
    .where("owner_id", "=", ownerId),
);

/** Every row of an owner's ledger, as the points rules read them (src/domain/points.ts). */
export async function ledgerOfOwner(db: Db, ownerId: string): Promise<LedgerEntry[]> {
  const rows = await lotsOfOwner(db, ownerId);
  return rows.map((r) => ({
    id: r.id,
    points: Number(r.points),
    lotId: r.lot_id,
    activeFrom: r.active_from === null ? null : toInstant(r.active_from),
    expiresAt: r.expires_at === null ? null : toInstant(r.expires_at),
  }));
}

/** How many movements My Page shows: a constant, so that it is written into the SQL (src/db/sqlite-dialect.ts). */
const MOVEMENTS_SHOWN = 10;
/** How much of the history the rewards page shows: rows, newest first. */
const HISTORY_SHOWN = 200;

function movementsQuery(db: Db, ownerId: string) {
  return (
    db
      .selectFrom("points_ledger")
      // The entry keeps its model: naming the product needs the catalogue alone, not the unit.
      .leftJoin("model", "model.code", "points_ledger.model_code")
      .leftJoin("reward_redemption", "reward_redemption.id", "points_ledger.redemption_id")
      .leftJoin("reward", "reward.id", "reward_redemption.reward_id")
      .select([
        "points_ledger.id",
        "points_ledger.kind",
        "points_ledger.points",
        "points_ledger.created_at",
        "points_ledger.active_from",
        "points_ledger.expires_at",
        "points_ledger.redemption_id",
        "points_ledger.lot_id",
        "model.name_nb",
        "model.name_en",
        "reward_redemption.code",
        "reward.name_nb as reward_name_nb",
        "reward.name_en as reward_name_en",
      ])
      .where("points_ledger.owner_id", "=", ownerId)
      .orderBy("points_ledger.created_at", "desc")
      .orderBy("points_ledger.id")
  );
}

const movementsOf = prepared((db, ownerId: string) => movementsQuery(db, ownerId).limit(MOVEMENTS_SHOWN));
const historyOf = prepared((db, ownerId: string) => movementsQuery(db, ownerId).limit(HISTORY_SHOWN));

export type MovementRow = Awaited<ReturnType<typeof movementsOf>>[number];

/**
 * A redemption is a row for each lot it drew from, all written at one instant: when the limit cut
 * the last instant's rows, the rest of its redemptions' rows are read too, so a redemption is whole.
 */
async function wholeRedemptions(
  db: Db,
  ownerId: string,
  rows: MovementRow[],
  limit: number,
): Promise<MovementRow[]> {
  const last = rows.at(-1);
  if (rows.length < limit || !last) return rows;
  const cut = [
    ...new Set(
      rows.flatMap((r) =>
        r.redemption_id !== null && toInstant(r.created_at) === toInstant(last.created_at)
          ? [r.redemption_id]
          : [],
      ),
    ),
  ];
  if (cut.length === 0) return rows;
  const seen = new Set(rows.map((r) => r.id));
  const rest = await movementsQuery(db, ownerId).where("points_ledger.redemption_id", "in", cut).execute();
  return [...rows, ...rest.filter((r) => !seen.has(r.id))];
}

/** The owner's latest movements, newest first, as many rows as My Page shows (whole redemptions). */
export async function latestMovements(db: Db, ownerId: string): Promise<MovementRow[]> {
  return wholeRedemptions(db, ownerId, await movementsOf(db, ownerId), MOVEMENTS_SHOWN);
}

/** The owner's history, newest first, as many rows as the rewards page shows (whole redemptions). */
export async function historyRows(db: Db, ownerId: string): Promise<MovementRow[]> {
  return wholeRedemptions(db, ownerId, await historyOf(db, ownerId), HISTORY_SHOWN);
}

export interface Earning {
  ownerId: string;
  kind: "first-registration" | "profile-complete";
  points: number;
  at: string;
  activeFrom: string;
  expiresAt: string | null;
  unit?: { serial: string; modelCode: string; registrationId: string };
}

/**
 * Writes an earning (a lot). An earning that may happen once (a unit's first registration, My
 * information) is decided by its partial unique index; returns false when it had happened already.
 */
export async function insertEarning(db: Db, e: Earning): Promise<boolean> {
  const row = {
    id: newRowId(),
    owner_id: e.ownerId,
    unit_serial: e.unit?.serial ?? null,
    model_code: e.unit?.modelCode ?? null,
    registration_id: e.unit?.registrationId ?? null,
    kind: e.kind,
    points: e.points,
    created_at: e.at,
    active_from: e.activeFrom,
    expires_at: e.expiresAt,
    lot_id: null,
    redemption_id: null,
  };
  // The predicates are written as literals: a database matches a partial unique index only by its text.
  const inserted = await db
    .insertInto("points_ledger")
    .values(row)
    .onConflict((oc) =>
      e.kind === "first-registration"
        ? oc.column("unit_serial").where(sql<boolean>`kind = 'first-registration'`).doNothing()
        : oc.column("owner_id").where(sql<boolean>`kind = 'profile-complete'`).doNothing(),
    )
    .returning("id")
    .execute();
  return inserted.length > 0;
}

export interface Drawing {
  ownerId: string;
  kind: "redemption" | "expiry" | "reversal";
  lotId: string;
  /** Positive: the row holds its negative. */
  points: number;
  at: string;
  redemptionId?: string;
}

/** Writes drawings from lots. An expiry or a reversal happens once per lot (a partial unique index). */
export async function insertDrawings(db: Db, drawings: readonly Drawing[]): Promise<void> {
  for (const d of drawings) {
    const query = db.insertInto("points_ledger").values({
      id: newRowId(),
      owner_id: d.ownerId,
      unit_serial: null,
      model_code: null,
      registration_id: null,
      kind: d.kind,
      points: -d.points,
      created_at: d.at,
      active_from: null,
      expires_at: null,
      lot_id: d.lotId,
      redemption_id: d.redemptionId ?? null,
    });
    if (d.kind === "expiry")
      await query
        .onConflict((oc) => oc.column("lot_id").where(sql<boolean>`kind = 'expiry'`).doNothing())
        .execute();
    else if (d.kind === "reversal")
      await query
        .onConflict((oc) => oc.column("lot_id").where(sql<boolean>`kind = 'reversal'`).doNothing())
        .execute();
    else await query.execute();
  }
}

/** The first-registration lot of a registration, with what has been drawn from it. */
export async function registrationLot(db: Db, registrationId: string) {
  return db
    .selectFrom("points_ledger")
    .select(["id", "owner_id", "points", "active_from"])
    .where("registration_id", "=", registrationId)
    .where("kind", "=", "first-registration")
    .executeTakeFirst();
}

/**
 * Takes the owner's account row for the rest of the transaction: a second redemption of the same
 * owner waits here (PostgreSQL's row lock; SQLite has one writer) until the first has committed.
 */
export async function lockAccount(db: Db, ownerId: string, at: string): Promise<void> {
  await db
    .insertInto("points_account")
    .values({ owner_id: ownerId, redemptions: 1, updated_at: at })
    .onConflict((oc) =>
      oc.column("owner_id").doUpdateSet({
        redemptions: sql<number>`points_account.redemptions + 1`,
        updated_at: at,
      }),
    )
    .execute();
}

// Earning rules

export async function listRules(db: Db) {
  return db.selectFrom("points_rule").selectAll().orderBy("action").orderBy("category_code").execute();
}

/** The rules for an action that may apply to a category: its own and the one for any category. */
export async function rulesFor(db: Db, action: string, categoryCode: string | null) {
  return db
    .selectFrom("points_rule")
    .selectAll()
    .where("action", "=", action)
    .where((eb) =>
      categoryCode === null
        ? eb("category_code", "is", null)
        : eb.or([eb("category_code", "=", categoryCode), eb("category_code", "is", null)]),
    )
    .execute();
}

export interface RuleRow {
  action: string;
  categoryCode: string | null;
  points: number;
  pendingDays: number;
  validityMonths: number;
}

/**
 * Writes the rule for an action and category, replacing the one there was. Two staff setting the
 * same new rule at once meet at the unique index on the scope: the second one's values win.
 */
export async function upsertRule(db: Db, rule: RuleRow, at: string): Promise<void> {
  const values = {
    points: rule.points,
    pending_days: rule.pendingDays,
    validity_months: rule.validityMonths,
    updated_at: at,
  };
  // The conflict target is written as the index is (points_rule_scope_idx): a database matches it by its text.
  await db
    .insertInto("points_rule")
    .values({ id: newRowId(), action: rule.action, category_code: rule.categoryCode, ...values })
    .onConflict((oc) => oc.expression(sql`action, (coalesce(category_code, ''))`).doUpdateSet(values))
    .execute();
}

/** Removes a rule; returns its scope, or undefined when there was no such rule. */
export async function deleteRule(db: Db, id: string) {
  return db
    .deleteFrom("points_rule")
    .where("id", "=", id)
    .returning(["action", "category_code"])
    .executeTakeFirst();
}

// The catalogue of rewards

export async function listRewards(db: Db) {
  return db.selectFrom("reward").selectAll().orderBy("cost").orderBy("id").execute();
}

export async function findReward(db: Db, id: string) {
  return db.selectFrom("reward").selectAll().where("id", "=", id).executeTakeFirst();
}

export interface RewardRow {
  name_nb: string;
  name_en: string;
  description_nb: string;
  description_en: string;
  cost: number;
  active_from: string | null;
  active_to: string | null;
}

export async function insertReward(db: Db, id: string, row: RewardRow, at: string): Promise<void> {
  await db
    .insertInto("reward")
    .values({ id, ...row, codes_total: 0, codes_issued: 0, created_at: at, updated_at: at })
    .execute();
}

export async function updateReward(
  db: Db,
  id: string,
  row: Partial<RewardRow>,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable("reward")
    .set({ ...row, updated_at: at })
    .where("id", "=", id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Adds codes to a reward's pool; returns how many were new (a code in the pool already is left out). */
export async function insertCodes(
  db: Db,
  rewardId: string,
  codes: readonly string[],
  at: string,
): Promise<number> {
  let added = 0;
  // In slices: SQLite binds at most 32766 parameters to one statement.
  for (let i = 0; i < codes.length; i += 500) {
    const rows = codes.slice(i, i + 500).map((code) => ({
      id: newRowId(),
      reward_id: rewardId,
      code,
      redemption_id: null,
      created_at: at,
    }));
    const inserted = await db
      .insertInto("reward_code")
      .values(rows)
      .onConflict((oc) => oc.columns(["reward_id", "code"]).doNothing())
      .returning("id")
      .execute();
    added += inserted.length;
  }
  if (added > 0)
    await db
      .updateTable("reward")
      .set({ codes_total: sql<number>`codes_total + ${added}`, updated_at: at })
      .where("id", "=", rewardId)
      .execute();
  return added;
}

/** Which of these codes the reward's pool holds already (for the upload to refuse them). */
export async function codesInPool(db: Db, rewardId: string, codes: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (let i = 0; i < codes.length; i += 500) {
    const rows = await db
      .selectFrom("reward_code")
      .select("code")
      .where("reward_id", "=", rewardId)
      .where("code", "in", codes.slice(i, i + 500))
      .execute();
    found.push(...rows.map((r) => r.code));
  }
  return found;
}

/**
 * Counts one more code issued, if one is left: the conditional update decides the race for the last
 * code, and its row lock (PostgreSQL) holds the next redemption of the reward until this one commits.
 */
export async function takeStock(db: Db, rewardId: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable("reward")
    .set({ codes_issued: sql<number>`codes_issued + 1`, updated_at: at })
    .where("id", "=", rewardId)
    .where(sql<boolean>`codes_issued < codes_total`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Gives the first free code of a reward's pool to a redemption; null when none is free. */
export async function issueCode(db: Db, rewardId: string, redemptionId: string): Promise<string | null> {
  for (;;) {
    const free = await db
      .selectFrom("reward_code")
      .select(["id", "code"])
      .where("reward_id", "=", rewardId)
      .where("redemption_id", "is", null)
      .orderBy("id")
      .limit(1)
      .executeTakeFirst();
    if (!free) return null;
    const result = await db
      .updateTable("reward_code")
      .set({ redemption_id: redemptionId })
      .where("id", "=", free.id)
      .where("redemption_id", "is", null)
      .executeTakeFirst();
    // Another redemption took it between the two statements: the next free one, then.
    if (Number(result.numUpdatedRows) > 0) return free.code;
  }
}

export async function insertRedemption(
  db: Db,
  row: { id: string; ownerId: string; rewardId: string; code: string; points: number; at: string },
): Promise<void> {
  await db
    .insertInto("reward_redemption")
    .values({
      id: row.id,
      owner_id: row.ownerId,
      reward_id: row.rewardId,
      code: row.code,
      points: row.points,
      created_at: row.at,
    })
    .execute();
}
