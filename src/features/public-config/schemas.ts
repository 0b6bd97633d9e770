import { z } from "zod";

/** The operator's settings the web pages show. Shared with the web client. */
export const publicConfigSchema = z.object({
  privacyPolicyUrl: z.string(),
  accountPrivacyPolicyUrl: z.string(),
  supportPhone: z.string(),
  supportEmail: z.string(),
  demoMode: z.boolean(),
});
export type PublicConfig = z.infer<typeof publicConfigSchema>;
