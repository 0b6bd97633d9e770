import { z } from "zod";
import { ACCEPTANCES, CONSENT_PURPOSES } from "../../domain/consent.ts";

export const purposeParams = z.object({ purpose: z.enum(CONSENT_PURPOSES) });

export const consentAnswerBody = z
  .object({
    given: z.boolean(),
    /** The version of the text the owner was shown; an earlier one is refused. */
    textVersion: z.string().min(1).max(40),
  })
  .strict();

export const consentOverviewSchema = z.object({
  purposes: z.array(
    z.object({
      purpose: z.enum(CONSENT_PURPOSES),
      /** Consent to the text in force. */
      given: z.boolean(),
      currentVersion: z.string(),
      /** Consent was given to an earlier text; the owner is asked again. */
      askAgain: z.boolean(),
      answeredAt: z.string().nullable(),
    }),
  ),
  /** The latest answers, newest first: what was answered, to which text, where and when. */
  history: z.array(
    z.object({
      purpose: z.enum([...CONSENT_PURPOSES, ...ACCEPTANCES]),
      given: z.boolean(),
      textVersion: z.string(),
      source: z.enum(["sign-up", "web", "app"]),
      at: z.string(),
    }),
  ),
});
export type ConsentOverview = z.infer<typeof consentOverviewSchema>;
