import { z } from "zod";

export const deletionStatusSchema = z.object({
  /** Days between the request and the erasure, as the operator set them; 0 erases at once. */
  graceDays: z.number().int(),
  /** When the account is erased, once the owner has asked; null when nothing is asked. */
  dueAt: z.string().nullable(),
  /** Repairs under way, which the page warns about. */
  openRepairs: z.number().int(),
});

export const deletionBody = z.strictObject({ password: z.string().min(1).max(200) });

export const deletionResultSchema = z.object({
  status: z.enum(["scheduled", "erased"]),
  dueAt: z.string().nullable(),
});
