import { z } from "zod";

const status = z.enum(["not-started", "active", "ends-soon", "ended"]);

/** The warranty as the owner sees it: the manufacturer's (estimated or confirmed) and the law's. */
export const warrantyEstimateSchema = z.object({
  manufacturer: z
    .object({
      start: z.string(),
      end: z.string(),
      basis: z.enum(["estimated", "confirmed"]),
      source: z.enum(["manufacture-date", "shop-order", "activation", "claim"]),
      status,
      daysLeft: z.number().int(),
      months: z.number().int(),
    })
    .nullable(),
  statutory: z
    .object({
      start: z.string(),
      end: z.string(),
      years: z.union([z.literal(2), z.literal(5)]),
      basis: z.enum(["stated", "confirmed"]),
      status,
      daysLeft: z.number().int(),
    })
    .nullable(),
  timeline: z.array(
    z.object({
      kind: z.enum(["purchase", "today", "manufacturer-end", "statutory-end"]),
      date: z.string(),
      basis: z.enum(["stated", "confirmed", "estimated", "actual"]),
    }),
  ),
});
export type WarrantyEstimate = z.infer<typeof warrantyEstimateSchema>;
