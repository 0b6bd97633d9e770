import { z } from "zod";
import { modelSummarySchema } from "../catalogue/schemas.ts";
import { ownerContentSchema } from "../content/schemas.ts";
import { recommendationSchema } from "../recommendations/schemas.ts";
import { repairSchema, repairSummarySchema } from "../repairs/schemas.ts";
import { pointsSchema } from "../rewards/schemas.ts";
import { warrantyEstimateSchema } from "../warranty/schemas.ts";

const names = z.object({ nb: z.string(), en: z.string() });

/** One thing that needs the owner now, and where they act on it (`action`, a path of the portal). */
export const alertSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("period-ending"),
    period: z.enum(["manufacturer", "registration-bonus", "extended", "repair", "statutory"]),
    registrationId: z.string(),
    product: names,
    end: z.string(),
    daysLeft: z.number().int().min(0),
    action: z.string(),
  }),
  z.object({
    kind: z.literal("claim-waiting"),
    claimId: z.string(),
    registrationId: z.string(),
    product: names,
    action: z.string(),
  }),
  z.object({
    kind: z.literal("repair-task"),
    repairId: z.string(),
    registrationId: z.string(),
    product: names,
    task: z.string(),
    action: z.string(),
  }),
  z.object({ kind: z.literal("transfer-asked"), transferId: z.string(), product: names, action: z.string() }),
  z.object({ kind: z.literal("unregistered"), count: z.number().int().min(1), action: z.string() }),
]);
export type MyPageAlert = z.infer<typeof alertSchema>;

/** A product tile: picture, the owner's name for it, both badges' facts and a repair under way. */
export const productTileSchema = z.object({
  id: z.string(),
  nickname: z.string().nullable(),
  model: modelSummarySchema,
  warranty: warrantyEstimateSchema,
  repair: z.object({ id: z.string(), status: repairSchema.shape.status }).nullable(),
});
export type ProductTile = z.infer<typeof productTileSchema>;

/** What My Page shows at a glance, in one answer: the number of products, the points, the repairs under way. */
export const myPageSchema = z.object({
  productCount: z.number().int().min(0),
  points: pointsSchema,
  repairs: z.array(repairSummarySchema),
  alerts: z.array(alertSchema),
  /** The newest products first, a few (`productCount` says how many there are). */
  products: z.array(productTileSchema),
  /** Off without the owner's consent to recommendations; then `items` is empty. */
  recommendations: z.object({ on: z.boolean(), items: z.array(recommendationSchema) }),
  /** What staff wrote that applies to the owner: the top message, announcements, the FAQ. */
  content: ownerContentSchema,
});
export type MyPage = z.infer<typeof myPageSchema>;
