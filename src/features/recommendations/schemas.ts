import { z } from "zod";
import { modelSummarySchema } from "../catalogue/schemas.ts";

export const RECOMMENDATION_REASONS = ["accessory", "consumable", "successor", "also-owned"] as const;

/** A model recommended to an owner: why, for which of their products, and where to buy it. */
export const recommendationSchema = z.object({
  model: modelSummarySchema,
  reason: z.enum(RECOMMENDATION_REASONS),
  /** The owner's product it is recommended for: its model, and its name as the owner knows it. */
  for: z.object({ modelCode: z.string(), names: z.object({ nb: z.string(), en: z.string() }) }),
  /** The shop's page of the model (`SHOP_PRODUCT_URL`). */
  url: z.string(),
});
export type Recommendation = z.infer<typeof recommendationSchema>;
