import { z } from "zod";
import { ACCESS_SUBJECTS, GIVEN_REASONS, NOTE_MAX } from "../../domain/access-reason.ts";

export const ownerParams = z.object({ ownerId: z.string().min(1).max(100) });

export const giveReasonBody = z
  .object({
    /** One of the short list; "other" needs a note. */
    reason: z.enum(GIVEN_REASONS),
    /** What the call or mail is about, in a few words: shown to the owner with the entry. */
    note: z.string().max(NOTE_MAX).optional(),
  })
  .strict();

export const givenReasonSchema = z.object({
  ownerId: z.string(),
  reason: z.enum(GIVEN_REASONS),
  note: z.string().nullable(),
  /** Until when the reason opens the customer's records to the one who gave it. */
  expiresAt: z.string(),
});
export type GivenReasonView = z.infer<typeof givenReasonSchema>;

export const accessLogQuery = z.object({ cursor: z.string().max(200).optional() });

export const accessEntrySchema = z.object({
  at: z.string(),
  /** Who looked, by role and staff number: never by name or e-mail. */
  staff: z.object({ role: z.enum(["agent", "reviewer", "admin"]), number: z.number().int() }),
  what: z.enum(ACCESS_SUBJECTS),
  reason: z.enum([...GIVEN_REASONS, "open-case", "search"]),
  note: z.string().nullable(),
});
export type AccessEntry = z.infer<typeof accessEntrySchema>;

export const accessLogSchema = z.object({
  entries: z.array(accessEntrySchema),
  /** The cursor of the next (older) page; null on the last. */
  next: z.string().nullable(),
});
export type AccessLogPage = z.infer<typeof accessLogSchema>;
