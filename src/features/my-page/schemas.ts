import { z } from "zod";
import { pointsSchema } from "../rewards/schemas.ts";

/** What My Page shows at a glance, in one answer: the number of products and the points. */
export const myPageSchema = z.object({
  productCount: z.number().int().min(0),
  points: pointsSchema,
});
export type MyPage = z.infer<typeof myPageSchema>;
