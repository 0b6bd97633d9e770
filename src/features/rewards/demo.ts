import type { Database } from "../../db/database.ts";
import type { Clock } from "../../domain/clock.ts";
import {
  codesInPool,
  findReward,
  insertCodes,
  insertReward,
  listRules,
  type RewardRow,
  upsertRule,
} from "./queries.ts";
import type { RuleBody } from "./schemas.ts";

/** The demo's earning rules: what an operator might start with. */
const DEMO_RULES: RuleBody[] = [
  { action: "registration", categoryCode: "phone", points: 200, pendingDays: 14, validityMonths: 24 },
  { action: "registration", categoryCode: "tv", points: 300, pendingDays: 14, validityMonths: 24 },
  { action: "profile-complete", categoryCode: null, points: 100, pendingDays: 0, validityMonths: 24 },
];

const DEMO_REWARDS: (RewardRow & { id: string; prefix: string; codes: number })[] = [
  {
    id: "demo-free-shipping",
    prefix: "FRAKT",
    codes: 200,
    name_nb: "Gratis frakt",
    name_en: "Free delivery",
    description_nb: "Fri frakt på neste bestilling i nettbutikken.",
    description_en: "Free delivery on your next order in the web shop.",
    cost: 50,
    active_from: null,
    active_to: null,
  },
  {
    id: "demo-discount-10",
    prefix: "RABATT10",
    codes: 200,
    name_nb: "10 % rabatt på tilbehør",
    name_en: "10 % off accessories",
    description_nb: "Rabattkode på 10 % for ladere, deksler og kabler i nettbutikken.",
    description_en: "A 10 % discount code for chargers, cases and cables in the web shop.",
    cost: 100,
    active_from: null,
    active_to: null,
  },
  {
    id: "demo-extended-care",
    prefix: "SERVICE",
    codes: 20,
    name_nb: "Gratis rens og sjekk av TV",
    name_en: "A free TV clean and check",
    description_nb: "Et verksted renser og sjekker TV-en din uten kostnad.",
    description_en: "A service centre cleans and checks your TV free of charge.",
    cost: 600,
    active_from: null,
    active_to: null,
  },
];

/**
 * The demo's rules and rewards, each reward with a pool of codes. Idempotent: rules there already
 * and rewards there already are left as they are.
 */
export async function loadDemoRewards(database: Database, clock: Clock): Promise<void> {
  const at = clock.now().toISOString();
  await database.db.transaction().execute(async (trx) => {
    const rules = await listRules(trx);
    for (const rule of DEMO_RULES)
      if (!rules.some((r) => r.action === rule.action && r.category_code === rule.categoryCode))
        await upsertRule(trx, rule, at);
    for (const { id, prefix, codes, ...row } of DEMO_REWARDS) {
      if (await findReward(trx, id)) continue;
      await insertReward(trx, id, row, at);
      const pool = Array.from({ length: codes }, (_, i) => `${prefix}-${String(i + 1).padStart(4, "0")}`);
      if ((await codesInPool(trx, id, pool)).length === 0) await insertCodes(trx, id, pool, at);
    }
  });
}
