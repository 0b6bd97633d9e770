import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Config } from "../../config/config.ts";

export const publicConfigSchema = z.object({
  privacyPolicyUrl: z.string(),
  accountPrivacyPolicyUrl: z.string(),
  supportPhone: z.string(),
  supportEmail: z.string(),
  demoMode: z.boolean(),
});
export type PublicConfig = z.infer<typeof publicConfigSchema>;

/** The operator's settings that the web pages show (links and contacts), nothing secret. */
export const publicConfigRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  const body: PublicConfig = {
    privacyPolicyUrl: config.privacyPolicyUrl,
    accountPrivacyPolicyUrl: config.accountPrivacyPolicyUrl,
    supportPhone: config.supportPhone,
    supportEmail: config.supportEmail,
    demoMode: config.demoMode && !config.smtpUrl,
  };
  app.get(
    "/config",
    {
      config: { access: "public" },
      schema: {
        tags: ["Operations"],
        summary: "Public settings for the web app",
        response: { 200: publicConfigSchema },
      },
    },
    async () => body,
  );
};
