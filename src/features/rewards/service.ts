import type { Kysely } from "kysely";
import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import { newRowId } from "../../db/row-id.ts";
import { type Tables, toInstant } from "../../db/tables.ts";
import { todayIn } from "../../domain/calendar-date.ts";
import type { Clock } from "../../domain/clock.ts";
import {
  DEFAULT_PENDING_DAYS,
  DEFAULT_VALIDITY_MONTHS,
  expired,
  type Lot,
  lotDates,
  lotsOf,
  profileComplete,
  spend,
  standing,
} from "../../domain/points.ts";
import type { Actor } from "../../server/actor.ts";
import { notFound, Problem } from "../../server/problem.ts";
import { audit } from "../audit/service.ts";
import {
  findReward,
  historyRows,
  insertDrawings,
  insertEarning,
  insertRedemption,
  issueCode,
  latestMovements,
  ledgerOfOwner,
  listRewards,
  lockAccount,
  type MovementRow,
  registrationLot,
  rulesFor,
  takeStock,
} from "./queries.ts";
import type { History, HistoryEntry, Points, Redemption, RewardCatalogue } from "./schemas.ts";

type Db = Kysely<Tables>;

/** The signed-in owner's points and latest movements, newest first. */
export async function pointsOf(database: Database, clock: Clock, actor: Actor): Promise<Points> {
  return pointsOfOwner(database, clock, actor.userId);
}

/** An owner's points and latest movements, for whoever the caller has let see them. */
export async function pointsOfOwner(database: Database, clock: Clock, ownerId: string): Promise<Points> {
  const [entries, movements] = await Promise.all([
    ledgerOfOwner(database.db, ownerId),
    latestMovements(database.db, ownerId),
  ]);
  return {
    ...presentStanding(lotsOf(entries), clock.now()),
    movements: oneLinePerRedemption(movements).map(({ row: m, points }) => ({
      id: m.redemption_id ?? m.id,
      kind: m.kind,
      points,
      productNames: m.name_nb && m.name_en ? { nb: m.name_nb, en: m.name_en } : null,
      createdAt: toInstant(m.created_at),
    })),
  };
}

/** The rows in their order, the rows of one redemption (one per lot it drew from) as one, with their sum. */
function oneLinePerRedemption(rows: readonly MovementRow[]): { row: MovementRow; points: number }[] {
  const lines: { row: MovementRow; points: number }[] = [];
  const redemptions = new Map<string, { row: MovementRow; points: number }>();
  for (const row of rows) {
    const seen = row.redemption_id === null ? undefined : redemptions.get(row.redemption_id);
    if (seen) {
      seen.points += Number(row.points);
      continue;
    }
    const line = { row, points: Number(row.points) };
    if (row.redemption_id !== null) redemptions.set(row.redemption_id, line);
    lines.push(line);
  }
  return lines;
}

function presentStanding(lots: readonly Lot[], now: Date): Omit<Points, "movements"> {
  const s = standing(lots, now);
  return {
    balance: s.balance,
    pending: s.pending,
    nextExpiry: s.nextExpiry && { points: s.nextExpiry.points, at: s.nextExpiry.at.toISOString() },
  };
}

// Earning

/** The rule for an action in a category: the category's own, else the one for any category. */
async function ruleFor(db: Db, action: string, categoryCode: string | null) {
  const rules = await rulesFor(db, action, categoryCode);
  return rules.find((r) => r.category_code === categoryCode) ?? rules.find((r) => r.category_code === null);
}

/**
 * Credits a unit's first registration ever, in the registration's transaction: by the rule for its
 * category (or any category), else the category's own points with the default pending period and
 * validity. The points are pending until the period ends. Returns the points earned, 0 if none.
 *
 * @example const points = await earnForRegistration(trx, at, { ownerId, serial, modelCode, registrationId, categoryCode: "tv", categoryPoints: 200 });
 */
export async function earnForRegistration(
  db: Db,
  at: Date,
  e: {
    ownerId: string;
    serial: string;
    modelCode: string;
    registrationId: string;
    categoryCode: string;
    categoryPoints: number;
  },
): Promise<number> {
  const rule = await ruleFor(db, "registration", e.categoryCode);
  const points = rule ? rule.points : e.categoryPoints;
  if (points <= 0) return 0;
  const dates = lotDates(
    at,
    rule ? rule.pending_days : DEFAULT_PENDING_DAYS,
    rule ? rule.validity_months : DEFAULT_VALIDITY_MONTHS,
  );
  const earned = await insertEarning(db, {
    ownerId: e.ownerId,
    kind: "first-registration",
    points,
    at: at.toISOString(),
    activeFrom: dates.activeFrom.toISOString(),
    expiresAt: dates.expiresAt?.toISOString() ?? null,
    unit: { serial: e.serial, modelCode: e.modelCode, registrationId: e.registrationId },
  });
  // Nothing is written when the unit's first registration had earned them already.
  return earned ? points : 0;
}

/**
 * A product removed while its points are still pending takes them back: a reversal row, once, in
 * the removal's transaction. Points that count already stay the owner's.
 */
export async function reverseRegistrationPoints(db: Db, at: Date, registrationId: string): Promise<void> {
  const lot = await registrationLot(db, registrationId);
  if (!lot || lot.active_from === null) return;
  if (new Date(toInstant(lot.active_from)).getTime() <= at.getTime()) return;
  await insertDrawings(db, [
    {
      ownerId: lot.owner_id,
      kind: "reversal",
      lotId: lot.id,
      points: Number(lot.points),
      at: at.toISOString(),
    },
  ]);
}

/**
 * My information complete (name, phone, address, postcode and city) earns the rule's points once
 * ever; called after each change of it. Without a rule it earns nothing.
 */
export async function earnForProfile(
  database: Database,
  clock: Clock,
  ownerId: string,
  profile: Parameters<typeof profileComplete>[0],
): Promise<void> {
  if (!profileComplete(profile)) return;
  const rule = await ruleFor(database.db, "profile-complete", null);
  if (!rule || rule.points <= 0) return;
  const at = clock.now();
  const dates = lotDates(at, rule.pending_days, rule.validity_months);
  // The partial unique index on the owner's profile-complete row makes it once, whoever is first.
  await insertEarning(database.db, {
    ownerId,
    kind: "profile-complete",
    points: rule.points,
    at: at.toISOString(),
    activeFrom: dates.activeFrom.toISOString(),
    expiresAt: dates.expiresAt?.toISOString() ?? null,
  });
}

// Spending

/** Writes an expiry row for each lot that has expired with points left (once each: its index). */
async function settleExpiries(db: Db, ownerId: string, lots: readonly Lot[], at: Date): Promise<void> {
  const due = expired(lots, at);
  if (due.length === 0) return;
  await insertDrawings(
    db,
    due.map((d) => ({
      ownerId,
      kind: "expiry" as const,
      lotId: d.lotId,
      points: d.points,
      at: at.toISOString(),
    })),
  );
}

/** On offer by the portal's calendar (config.timeZone): a reward's days are Oslo's, not UTC's. */
function onOffer(
  reward: { active_from: string | null; active_to: string | null },
  timeZone: string,
  at: Date,
): boolean {
  const day = todayIn(timeZone, at);
  return (
    (reward.active_from === null || reward.active_from <= day) &&
    (reward.active_to === null || day <= reward.active_to)
  );
}

/** The rewards on offer today, with the owner's points. */
export async function rewardCatalogue(
  database: Database,
  config: Config,
  clock: Clock,
  actor: Actor,
): Promise<RewardCatalogue> {
  const now = clock.now();
  const [entries, rewards] = await Promise.all([
    ledgerOfOwner(database.db, actor.userId),
    listRewards(database.db),
  ]);
  return {
    points: presentStanding(lotsOf(entries), now),
    rewards: rewards
      .filter((r) => onOffer(r, config.timeZone, now))
      .map((r) => ({
        id: r.id,
        names: { nb: r.name_nb, en: r.name_en },
        descriptions: { nb: r.description_nb, en: r.description_en },
        cost: Number(r.cost),
        inStock: Number(r.codes_issued) < Number(r.codes_total),
      })),
  };
}

/**
 * Redeems a reward for the signed-in owner: the oldest points that count are spent first, and the
 * next free code of the reward's pool is theirs. One transaction: the owner's account row is
 * locked first, so simultaneous redemptions of one owner are taken one after the other and the
 * balance never goes below zero; the reward's count of codes issued decides the last code.
 *
 * @throws Problem `reward.not_found`, `reward.not_available` (not on offer today),
 *   `points.insufficient` or `reward.out_of_stock`: nothing is spent
 */
export async function redeem(
  database: Database,
  config: Config,
  clock: Clock,
  actor: Actor,
  rewardId: string,
): Promise<Redemption> {
  const at = clock.now();
  const atIso = at.toISOString();
  return database.db.transaction().execute(async (trx) => {
    const reward = await findReward(trx, rewardId);
    if (!reward) throw notFound("reward");
    if (!onOffer(reward, config.timeZone, at))
      throw new Problem("reward.not_available", "This reward is not on offer now.");
    await lockAccount(trx, actor.userId, atIso);
    const lots = lotsOf(await ledgerOfOwner(trx, actor.userId));
    const cost = Number(reward.cost);
    const draws = spend(lots, at, cost);
    if (!draws)
      throw new Problem("points.insufficient", "You do not have enough points for this reward.", {
        balance: standing(lots, at).balance,
        cost,
      });
    if (!(await takeStock(trx, reward.id, atIso)))
      throw new Problem("reward.out_of_stock", "This reward has run out.");
    const id = newRowId();
    const code = await issueCode(trx, reward.id, id);
    if (code === null) throw new Problem("reward.out_of_stock", "This reward has run out.");
    await insertRedemption(trx, {
      id,
      ownerId: actor.userId,
      rewardId: reward.id,
      code,
      points: cost,
      at: atIso,
    });
    await settleExpiries(trx, actor.userId, lots, at);
    await insertDrawings(
      trx,
      draws.map((d) => ({
        ownerId: actor.userId,
        kind: "redemption" as const,
        lotId: d.lotId,
        points: d.points,
        at: atIso,
        redemptionId: id,
      })),
    );
    await audit(trx, {
      actor,
      action: "reward.redeemed",
      ownerId: actor.userId,
      subjectType: "reward_redemption",
      subjectId: id,
      detail: { rewardId: reward.id, points: cost },
      at,
    });
    return {
      id,
      rewardId: reward.id,
      names: { nb: reward.name_nb, en: reward.name_en },
      code,
      points: cost,
      createdAt: atIso,
      balance: standing(lots, at).balance - cost,
    };
  });
}

/**
 * The owner's history, newest first: earnings (with the day a pending one counts from), redemptions
 * (one line each, with the code), expiries and reversals. Lots that have expired are written down
 * as expiries first, so the history shows them: under the account's lock and from the ledger read
 * inside it (as `redeem` does), so an expiry never counts points a redemption at the same time spent.
 */
export async function pointsHistory(database: Database, clock: Clock, actor: Actor): Promise<History> {
  const now = clock.now();
  if (expired(lotsOf(await ledgerOfOwner(database.db, actor.userId)), now).length > 0)
    await database.db.transaction().execute(async (trx) => {
      await lockAccount(trx, actor.userId, now.toISOString());
      await settleExpiries(trx, actor.userId, lotsOf(await ledgerOfOwner(trx, actor.userId)), now);
    });
  const rows = await historyRows(database.db, actor.userId);
  return { entries: presentHistory(rows, now) };
}

function presentHistory(rows: readonly MovementRow[], now: Date): HistoryEntry[] {
  // A lot taken back is no longer pending: its earning says so by its reversal alone.
  const reversed = new Set(rows.filter((r) => r.kind === "reversal").map((r) => r.lot_id));
  return oneLinePerRedemption(rows).map(({ row: r, points }) => {
    const activeFrom = r.active_from === null ? null : toInstant(r.active_from);
    return {
      id: r.redemption_id ?? r.id,
      kind: r.kind as HistoryEntry["kind"],
      points,
      createdAt: toInstant(r.created_at),
      pendingUntil:
        activeFrom !== null && !reversed.has(r.id) && new Date(activeFrom).getTime() > now.getTime()
          ? activeFrom
          : null,
      expiresAt: r.expires_at === null ? null : toInstant(r.expires_at),
      productNames: r.name_nb && r.name_en ? { nb: r.name_nb, en: r.name_en } : null,
      reward:
        r.code !== null && r.reward_name_nb !== null && r.reward_name_en !== null
          ? { names: { nb: r.reward_name_nb, en: r.reward_name_en }, code: r.code }
          : null,
    };
  });
}
