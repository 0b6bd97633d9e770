import { z } from "zod";
import { isValidCalendarDate } from "../../domain/calendar-date.ts";

const names = z.object({ nb: z.string(), en: z.string() });

/** Rewards: the points that count, those pending, the first to expire, and the latest movements (My Page). */
export const pointsSchema = z.object({
  balance: z.number().int(),
  pending: z.number().int(),
  nextExpiry: z.object({ points: z.number().int(), at: z.string() }).nullable(),
  movements: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      points: z.number().int(),
      productNames: names.nullable(),
      createdAt: z.string(),
    }),
  ),
});
export type Points = z.infer<typeof pointsSchema>;

/** What an earning rule is for. */
export const RULE_ACTIONS = ["registration", "profile-complete"] as const;
export type RuleAction = (typeof RULE_ACTIONS)[number];

/** One line of the owner's history; a redemption is one line, whichever lots it drew from. */
export const historyEntrySchema = z.object({
  id: z.string(),
  kind: z.enum(["first-registration", "profile-complete", "redemption", "expiry", "reversal"]),
  points: z.number().int(),
  createdAt: z.string(),
  /** An earning still pending counts from this instant. */
  pendingUntil: z.string().nullable(),
  expiresAt: z.string().nullable(),
  productNames: names.nullable(),
  reward: z.object({ names, code: z.string() }).nullable(),
});
export const historySchema = z.object({ entries: z.array(historyEntrySchema) });
export type History = z.infer<typeof historySchema>;
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const rewardOfferSchema = z.object({
  id: z.string(),
  names,
  descriptions: names,
  cost: z.number().int(),
  inStock: z.boolean(),
});
/** The rewards an owner may redeem today, with their points. */
export const rewardCatalogueSchema = z.object({
  points: pointsSchema.omit({ movements: true }),
  rewards: z.array(rewardOfferSchema),
});
export type RewardCatalogue = z.infer<typeof rewardCatalogueSchema>;
export type RewardOffer = z.infer<typeof rewardOfferSchema>;

export const rewardIdParams = z.object({ id: z.string().min(1).max(64) });

export const redemptionSchema = z.object({
  id: z.string(),
  rewardId: z.string(),
  names,
  code: z.string(),
  points: z.number().int(),
  createdAt: z.string(),
  balance: z.number().int(),
});
export type Redemption = z.infer<typeof redemptionSchema>;

// Staff

/** A real calendar day in 2000–2100: the database's date column takes nothing else. */
const day = z.string().refine((d) => isValidCalendarDate(d) && d >= "2000-01-01" && d <= "2100-12-31", {
  message: "A date as YYYY-MM-DD, in the years 2000–2100",
});

export const ruleBodySchema = z
  .object({
    action: z.enum(RULE_ACTIONS),
    /** Null: any category. My information has no category. */
    categoryCode: z.string().min(1).max(64).nullable(),
    points: z.number().int().min(0).max(100_000),
    pendingDays: z.number().int().min(0).max(365),
    /** 0: the points never expire. */
    validityMonths: z.number().int().min(0).max(120),
  })
  .strict();
export type RuleBody = z.infer<typeof ruleBodySchema>;
export const ruleSchema = ruleBodySchema.extend({ id: z.string(), updatedAt: z.string() });
export const rulesSchema = z.object({ rules: z.array(ruleSchema) });
export type PointsRule = z.infer<typeof ruleSchema>;

const text = (max: number) => z.string().trim().min(1).max(max);
export const rewardBodySchema = z
  .object({
    names: z.object({ nb: text(120), en: text(120) }).strict(),
    descriptions: z.object({ nb: text(1000), en: text(1000) }).strict(),
    cost: z.number().int().min(1).max(1_000_000),
    activeFrom: day.nullable(),
    activeTo: day.nullable(),
  })
  .strict()
  .refine((r) => r.activeFrom === null || r.activeTo === null || r.activeFrom <= r.activeTo, {
    message: "The last day comes before the first",
    path: ["activeTo"],
  });
export type RewardBody = z.infer<typeof rewardBodySchema>;

export const staffRewardSchema = z.object({
  id: z.string(),
  names,
  descriptions: names,
  cost: z.number().int(),
  activeFrom: z.string().nullable(),
  activeTo: z.string().nullable(),
  codesTotal: z.number().int(),
  codesIssued: z.number().int(),
});
export const staffRewardsSchema = z.object({ rewards: z.array(staffRewardSchema) });
export type StaffReward = z.infer<typeof staffRewardSchema>;

/** The most codes one upload takes, and the longest code. */
export const CODES_PER_UPLOAD = 5000;
export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** A pool of codes as text, one a line; blank lines are left out. */
export const codesBodySchema = z.object({ codes: z.string().max(400_000) }).strict();
export const codesAddedSchema = z.object({ added: z.number().int(), codesTotal: z.number().int() });
