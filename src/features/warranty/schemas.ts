import { z } from "zod";
import { isValidCalendarDate } from "../../domain/calendar-date.ts";

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

const date = z.string().refine(isValidCalendarDate, "a date as YYYY-MM-DD");

/** One proof of purchase from the manufacturer's systems (R13). */
export const confirmationSchema = z.discriminatedUnion("source", [
  z.strictObject({
    source: z.literal("shop-order"),
    orderId: z.string().trim().min(1).max(100),
    identifier: z.string().max(60).meta({ description: "The unit's serial number or IMEI." }),
    deliveredOn: date,
  }),
  z.strictObject({
    source: z.literal("activation"),
    imei: z.string().max(30),
    activatedOn: date,
  }),
]);
export type ConfirmationInput = z.infer<typeof confirmationSchema>;

export const confirmationResultSchema = z.object({
  status: z.enum(["stored", "unchanged", "updated"]),
  unitKnown: z.boolean(),
});
export type ConfirmationResult = z.infer<typeof confirmationResultSchema>;

/** What a bulk import of confirmations did, with the first rejected lines and why. */
export const confirmationLinesResultSchema = z.object({
  stored: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  rejections: z.array(z.object({ line: z.number().int(), reason: z.string() })),
});

/** The owner's private calendar link. */
export const calendarLinkSchema = z.object({
  url: z.string().meta({ description: "Private: anyone with it can read these dates." }),
});
export type CalendarLink = z.infer<typeof calendarLinkSchema>;

export const calendarFeedParamsSchema = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{16,64}\.ics$/) });
