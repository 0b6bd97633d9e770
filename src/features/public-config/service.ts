import type { Config } from "../../config/config.ts";
import type { PublicConfig } from "./schemas.ts";

/**
 * The links and contacts the web pages show, nothing secret. Demo mode shows only while mail is
 * kept (no SMTP_URL): the demo mailbox is there only then.
 */
export function publicConfigOf(config: Config): PublicConfig {
  return {
    brandName: config.brandName,
    privacyPolicyUrl: config.privacyPolicyUrl,
    termsUrl: config.termsUrl,
    accountPrivacyPolicyUrl: config.accountPrivacyPolicyUrl,
    supportPhone: config.supportPhone,
    supportEmail: config.supportEmail,
    demoMode: config.demoMode && !config.smtpUrl,
  };
}
