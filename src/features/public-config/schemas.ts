import { z } from "zod";

/** The operator's settings the web pages show. Shared with the web client. */
export const publicConfigSchema = z.object({
  /** The manufacturer's name, as the pages name it. */
  brandName: z.string(),
  privacyPolicyUrl: z.string(),
  termsUrl: z.string(),
  accountPrivacyPolicyUrl: z.string().nullable(),
  supportPhone: z.string(),
  supportEmail: z.string(),
  demoMode: z.boolean(),
});
export type PublicConfig = z.infer<typeof publicConfigSchema>;
