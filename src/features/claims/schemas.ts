import { z } from "zod";
import { isValidCalendarDate } from "../../domain/calendar-date.ts";
import { CLAIM_DECISIONS, CLAIM_STATUSES } from "../../domain/claim-lifecycle.ts";

/** Warranty claims as clients see and send them. Shared with the web client. */

const calendarDate = z.string().refine(isValidCalendarDate, "a date as YYYY-MM-DD");

export const claimIdParams = z.object({ id: z.uuid() });
export const claimFileParams = z.object({ id: z.uuid(), fileId: z.uuid() });

export const claimSchema = z.object({
  id: z.string(),
  registrationId: z.string(),
  status: z.enum(CLAIM_STATUSES),
  purchaseDate: z.string(),
  seller: z.string(),
  serial: z.string(),
  productNames: z.object({ nb: z.string(), en: z.string() }),
  createdAt: z.string(),
  updatedAt: z.string(),
  files: z.array(
    z.object({
      id: z.string(),
      mediaType: z.string(),
      size: z.number().int(),
      name: z.string(),
      url: z.string(),
    }),
  ),
  events: z.array(
    z.object({
      kind: z.string(),
      by: z.enum(["owner", "staff"]),
      message: z.string().nullable(),
      at: z.string(),
    }),
  ),
});
export type Claim = z.infer<typeof claimSchema>;

export const claimListSchema = z.object({ claims: z.array(claimSchema) });

export const queueItemSchema = z.object({
  id: z.string(),
  status: z.enum(CLAIM_STATUSES),
  createdAt: z.string(),
  ageDays: z.number().int(),
  purchaseDate: z.string(),
  seller: z.string(),
  serial: z.string(),
  productNames: z.object({ nb: z.string(), en: z.string() }),
  ownerName: z.string(),
});
export type QueueItem = z.infer<typeof queueItemSchema>;

export const reviewQueueSchema = z.object({ claims: z.array(queueItemSchema) });

/** The text fields of a claim's form; the proof file comes beside them. */
export const claimFormSchema = z.strictObject({
  purchaseDate: calendarDate,
  seller: z.string().trim().min(1).max(200),
});
export type ClaimForm = z.infer<typeof claimFormSchema>;

/** The owner's answer to a request for more information. */
export const claimReplyMessageSchema = z.string().trim().min(1).max(2000);

export const reviewQueueFilterSchema = z.object({
  status: z.enum(CLAIM_STATUSES).optional(),
  minAgeDays: z.coerce.number().int().min(0).max(3650).optional(),
});
export type ReviewQueueFilter = z.infer<typeof reviewQueueFilterSchema>;

export const claimDecisionSchema = z.strictObject({
  decision: z.enum(CLAIM_DECISIONS),
  reason: z.string().trim().max(2000).optional(),
  purchaseDate: calendarDate.optional(),
});
export type ClaimDecisionInput = z.infer<typeof claimDecisionSchema>;
