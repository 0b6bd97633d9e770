import { z } from "zod";

const names = z.object({ nb: z.string(), en: z.string() });

/** What the form asking for a product sends, besides the proof file. */
export const transferFormSchema = z.strictObject({
  identifier: z.string().trim().min(1).max(200),
  note: z.string().trim().max(1000).optional(),
});

export const transferIdParams = z.object({ id: z.uuid() });

export const TRANSFER_STATUSES = [
  "awaiting-owner",
  "with-staff",
  "transferred",
  "refused",
  "closed",
] as const;

/**
 * A request as one person sees it. The one who asked never learns who holds the product; the owner
 * sees who asks (by name) and the note, never the proof; staff see both people and the proof.
 */
export const transferSchema = z.object({
  id: z.string(),
  status: z.enum(TRANSFER_STATUSES),
  productNames: names,
  serialMasked: z.string(),
  createdAt: z.string(),
  /** Until when the owner can answer; null for a request sent straight to customer service. */
  answerBy: z.string().nullable(),
  note: z.string().nullable(),
  /** The viewer's part in it. */
  role: z.enum(["requester", "owner", "staff"]),
  requesterName: z.string().nullable(),
  ownerName: z.string().nullable(),
  /** How the owner answered: accepted, declined, or not in time; null while they may still answer. */
  ownerAnswer: z.enum(["accepted", "declined", "none"]).nullable(),
  proof: z.object({ name: z.string(), mediaType: z.string(), size: z.number().int() }).nullable(),
  decision: z
    .object({
      at: z.string(),
      /** "customer" when the owner answered; else the staff role, with the staff number. */
      by: z.string(),
      staffNumber: z.number().int().nullable(),
      reason: z.string().nullable(),
    })
    .nullable(),
});
export type Transfer = z.infer<typeof transferSchema>;

export const myTransfersSchema = z.object({
  asked: z.array(transferSchema),
  toAnswer: z.array(transferSchema),
});

export const transferAnswerSchema = z.strictObject({ decision: z.enum(["accept", "decline"]) });

export const transferDecisionSchema = z.strictObject({
  decision: z.enum(["approve", "refuse"]),
  /** Both people read it in their mail. */
  reason: z.string().trim().min(1).max(300),
});

export const staffTransferListSchema = z.object({ transfers: z.array(transferSchema) });
