import { z } from "zod";

/** Rewards (R1): the points balance and the latest movements, for My Page. */
export const pointsSchema = z.object({
  balance: z.number().int(),
  movements: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      points: z.number().int(),
      productNames: z.object({ nb: z.string(), en: z.string() }).nullable(),
      createdAt: z.string(),
    }),
  ),
});
export type Points = z.infer<typeof pointsSchema>;
