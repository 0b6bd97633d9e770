import { z } from "zod";
import { repairSummarySchema } from "../repairs/schemas.ts";
import { pointsSchema } from "../rewards/schemas.ts";

/** What My Page shows at a glance, in one answer: the number of products, the points, the repairs under way. */
export const myPageSchema = z.object({
  productCount: z.number().int().min(0),
  points: pointsSchema,
  repairs: z.array(repairSummarySchema),
});
export type MyPage = z.infer<typeof myPageSchema>;
