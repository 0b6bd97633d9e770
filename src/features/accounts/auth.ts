import { betterAuth } from "better-auth";
import { bearer } from "better-auth/plugins";
import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import { type Clock, systemClock } from "../../domain/clock.ts";
import { isLocale, type Locale } from "../../messages/catalog.ts";
import { enqueueMail } from "../outbox/mail.ts";
import { deleteDeviceTokensOf } from "../tv/queries.ts";
import { keepOnSignIn } from "./keep-on-sign-in.ts";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordStrength } from "./password-strength.ts";
import { personName } from "./person-name.ts";
import { clearSignInFailures, signInThrottle } from "./sign-in-throttle.ts";
import { signUpTerms } from "./sign-up-terms.ts";

export const ROLES = ["customer", "agent", "reviewer", "editor", "admin"] as const;
export type Role = (typeof ROLES)[number];

/**
 * Reset and verification mails one address gets per hour, whoever asks and from however many
 * client addresses; past that, requests are answered as before and nothing is sent.
 */
const MAILS_PER_RECIPIENT_PER_HOUR = 3;

/**
 * Accounts, sessions and passwords come from better-auth over our own Kysely instance, so its
 * tables live in our migrations and our transactions. Sign-in attempts are rate limited in the
 * database per client address and, with a growing delay, per account, so the limits hold across
 * several app instances. Guessable passwords and unsafe names are refused by our plugins; each
 * address gets a few account mails an hour at most. The clock times the mails and the delay per
 * account (better-auth keeps its own time for sessions and tokens).
 */
export function createAuth(config: Config, database: Database, clock: Clock = systemClock) {
  const auth = betterAuth({
    appName: "Owner Portal",
    baseURL: config.publicUrl,
    basePath: "/api/auth",
    secret: config.authSecret,
    trustedOrigins: [config.publicUrl],
    database: { db: database.db, type: database.dialect },
    telemetry: { enabled: false },
    logger: { disabled: config.logLevel === "silent", level: "error" },
    user: {
      additionalFields: {
        role: { type: "string", required: false, defaultValue: "customer", input: false },
        locale: { type: "string", required: false, defaultValue: "nb", input: true },
      },
    },
    emailAndPassword: {
      enabled: true,
      requireEmailVerification: true,
      minPasswordLength: PASSWORD_MIN_LENGTH,
      maxPasswordLength: PASSWORD_MAX_LENGTH,
      revokeSessionsOnPasswordReset: true,
      // Whoever could read the reset mail may sign in at once, without waiting out a delay. The
      // sessions end with the old password, and so do the tokens of TVs and scanners.
      async onPasswordReset({ user }) {
        await clearSignInFailures(database, config.authSecret, user.email);
        await deleteDeviceTokensOf(database.db, user.id);
      },
      async sendResetPassword({ user, url }) {
        await enqueueMail(database, {
          to: user.email,
          locale: localeOf(user),
          template: "reset-password",
          // Until the address is confirmed, the name was chosen by whoever signed up with it, who
          // need not be the person who reads this mail: greet without it.
          values: user.emailVerified
            ? { greeting: "named", name: user.name, url }
            : { greeting: "generic", url },
          perRecipientPerHour: MAILS_PER_RECIPIENT_PER_HOUR,
          at: clock.now(),
        });
      },
    },
    emailVerification: {
      sendOnSignUp: true,
      // An owner who tries to sign in before confirming gets a fresh link (the sign-in page says so);
      // the right password is needed first, and the limit per recipient still holds.
      sendOnSignIn: true,
      // The link proves the address, and the password was chosen at sign-up: land signed in.
      autoSignInAfterVerification: true,
      expiresIn: 60 * 60 * 24,
      // The address is not confirmed yet, so the mail carries nothing the signer-up chose (the name).
      async sendVerificationEmail({ user, url }) {
        await enqueueMail(database, {
          to: user.email,
          locale: localeOf(user),
          template: "verify-email",
          values: { url },
          perRecipientPerHour: MAILS_PER_RECIPIENT_PER_HOUR,
          at: clock.now(),
        });
      },
    },
    session: {
      expiresIn: 60 * 60 * 24 * 30,
      updateAge: 60 * 60 * 24,
    },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 300,
      customRules: {
        "/sign-in/email": { window: 60, max: config.signInAttemptsPerMinute },
        "/sign-up/email": { window: 60, max: config.signInAttemptsPerMinute },
        "/request-password-reset": { window: 60, max: 5 },
        "/send-verification-email": { window: 60, max: 5 },
        "/change-password": { window: 60, max: 10 },
      },
    },
    advanced: {
      useSecureCookies: config.secureCookies,
      cookiePrefix: "portal",
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", secure: config.secureCookies },
      ipAddress: { ipAddressHeaders: ["x-portal-client-ip"] },
    },
    plugins: [
      bearer(),
      personName(),
      passwordStrength({
        brandName: config.brandName,
        // Through auth.api, so the bearer plugin turns a bearer token into the session, as for the endpoint.
        sessionUser: async (headers): Promise<{ email: string; name: string } | null> =>
          (await auth.api.getSession({ headers, query: { disableRefresh: true } }))?.user ?? null,
      }),
      signInThrottle({ database, secret: config.authSecret, clock }),
      signUpTerms({ database, clock }),
      keepOnSignIn({ database, clock }),
    ],
  });
  return auth;
}

export type Auth = ReturnType<typeof createAuth>;

function localeOf(user: object): Locale {
  const locale = (user as { locale?: unknown }).locale;
  return isLocale(locale) ? locale : "nb";
}
