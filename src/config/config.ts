import { z } from "zod";

/**
 * Every setting the portal reads from the environment, validated once at start.
 * Nothing else in the code base reads `process.env`.
 */
/** A page of the portal ("/privacy") or a web address of the operator's ("https://…"). */
const policyLink = z
  .string()
  .refine((v) => /^\/(?![/\\])/.test(v) || (/^https?:\/\//.test(v) && URL.canParse(v)), {
    message: 'Give a path of the portal starting with "/" or a web address starting with https://',
  });

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("localhost"),
  DATABASE_URL: z.string().min(1).default("sqlite:data/portal.sqlite"),
  PUBLIC_URL: z.url().optional(),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Owner Portal <no-reply@owner-portal.local>"),
  DEMO_MODE: z
    .enum(["true", "false", "1", "0"])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === "true" || v === "1")),
  DEMO_DATA_UNITS: z.coerce.number().int().min(0).default(50_000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  PRIVACY_POLICY_URL: policyLink.default("/privacy"),
  TERMS_URL: policyLink.default("/terms"),
  ACCOUNT_PRIVACY_POLICY_URL: policyLink.optional(),
  ACCOUNT_DELETION_GRACE_DAYS: z.coerce.number().int().min(0).max(90).default(14),
  SUPPORT_PHONE: z.string().default("+47 800 00 000"),
  SUPPORT_EMAIL: z.email().default("support@owner-portal.local"),
  SERVICE_API_KEYS: z.string().default(""),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  TIME_ZONE: z.string().default("Europe/Oslo"),
  SHIPPING_ALLOWANCE_DAYS: z.coerce.number().int().min(0).max(730).default(90),
  WARRANTY_ENDS_SOON_DAYS: z.coerce.number().int().min(0).max(365).default(60),
  LOOKUPS_PER_MINUTE_ACCOUNT: z.coerce.number().int().min(1).default(30),
  LOOKUPS_PER_MINUTE_IP: z.coerce.number().int().min(1).default(60),
  REMINDER_THRESHOLDS_DAYS: z
    .string()
    .regex(/^\d+(,\d+)*$/, "whole numbers of days separated by commas, e.g. 60,7")
    .default("60,7"),
  REMINDER_AFTER_DAYS: z
    .string()
    .regex(
      /^([1-9]\d*(,[1-9]\d*)*)?$/,
      "whole numbers of days from 1 up, separated by commas, e.g. 1; empty for none",
    )
    .default("1"),
  REMINDER_INTERVAL_MINUTES: z.coerce.number().int().min(1).default(60),
  SHOP_PRODUCT_URL: z
    .string()
    .refine((v) => v.includes("{model}"), {
      message: "The address must contain {model}, e.g. https://shop.example.com/p/{model}",
    })
    .refine(
      (v) => /^\/(?![/\\])/.test(v) || (/^https?:\/\//.test(v) && URL.canParse(v.replaceAll("{model}", "m"))),
      {
        message: 'Give a path of the portal starting with "/" or a web address starting with https://',
      },
    )
    .default("https://shop.owner-portal.local/products/{model}"),
  RECOMMENDATION_MIN_CO_OWNERS: z.coerce.number().int().min(2).default(5),
  FILES_DIR: z.string().min(1).default("data/files"),
  SIGN_IN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  LABEL_MAX_PIXELS: z.coerce.number().int().min(10_000).default(40_000_000),
  LABEL_DECODE_WORKERS: z.coerce.number().int().min(1).max(8).default(1),
  LABEL_DECODE_QUEUE: z.coerce.number().int().min(0).default(4),
  LABEL_DECODE_TIMEOUT_MS: z.coerce.number().int().min(1).default(5000),
  SMARTHOME_WEBHOOK_SECRET: z
    .string()
    .min(16, "SMARTHOME_WEBHOOK_SECRET must be at least 16 characters")
    .optional(),
  BRAND_NAME: z.string().min(1).default("Nordlys"),
  REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),
  TRUST_PROXY: z
    .string()
    .regex(
      /^[0-9A-Za-z.:/,\s]*$/,
      "addresses or CIDR ranges of your proxies, comma separated (or loopback, uniquelocal)",
    )
    .default(""),
});

export type Env = z.input<typeof envSchema>;

export interface Config {
  env: "development" | "production" | "test";
  port: number;
  host: string;
  databaseUrl: string;
  publicUrl: string;
  authSecret: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Demo mode keeps mails readable at /dev/mail and loads demo data on first start. */
  demoMode: boolean;
  demoDataUnits: number;
  logLevel: string;
  privacyPolicyUrl: string;
  termsUrl: string;
  /** A second policy link in the footer (an account service's own), when the operator has one. */
  accountPrivacyPolicyUrl: string | null;
  supportPhone: string;
  supportEmail: string;
  /** Keys for the manufacturer's systems (factory feed, web shop): `name:secret` pairs, comma separated. */
  serviceApiKeys: ReadonlyMap<string, string>;
  bodyLimitBytes: number;
  timeZone: string;
  /** Days added to the manufacture date to estimate the warranty start when no purchase is confirmed. */
  shippingAllowanceDays: number;
  warrantyEndsSoonDays: number;
  /** Registration look-ups (check and register) allowed per minute, per account and per IP address. */
  lookupsPerMinute: { account: number; ip: number };
  /** Days before a warranty or complaint period ends when the owner gets a reminder. */
  reminderThresholdsDays: number[];
  /** Days after a coverage or complaint period ended when the owner hears what they can still do. */
  reminderAfterDays: number[];
  reminderIntervalMinutes: number;
  /** Where a recommended model is bought: `{model}` is replaced by the model's code. */
  shopProductUrl: string;
  /** Owners of both models before "owners of your model also have" shows a pair (never one person). */
  recommendationMinCoOwners: number;
  /** Where uploaded files (receipts) are kept on the local disk. */
  filesDir: string;
  /** Sign-in (and sign-up) attempts per client address per minute, against password guessing. */
  signInAttemptsPerMinute: number;
  /** The largest label photo (in pixels) the server decodes. */
  labelMaxPixels: number;
  /** Label photos are decoded off the main thread: this many workers, this many waiting, this long each. */
  labelDecoding: { workers: number; queue: number; timeoutMs: number };
  /** The shared secret of the smart-home platform's signed webhooks; demo mode has its own. */
  smarthomeWebhookSecret: string | undefined;
  /** Our brand as devices report it (UPnP manufacturer, smart-home device manufacturer). */
  brandName: string;
  /** Days from an owner's request to delete the account to its erasure; signing in before keeps it. */
  accountDeletionGraceDays: number;
  /**
   * The reverse proxies whose `X-Forwarded-For` names the client (addresses, CIDR ranges or
   * `loopback`); empty: the socket's address is the client's. Limits per address depend on it.
   */
  trustProxy: string[];
  /** The longest a request may take to arrive whole, headers and body (a slow sender is cut off). */
  requestTimeoutMs: number;
  /** Cookies carry `Secure` unless the portal is served over plain HTTP on a non-loopback host. */
  secureCookies: boolean;
  /**
   * Whether people on other machines can reach the portal: it listens on a non-loopback
   * interface or is published at an https or non-loopback address. Such a portal never falls back
   * to a development secret and never turns demo mode on by itself.
   */
  exposed: boolean;
}

export class ConfigError extends Error {}

/** The smart-home webhook secret of demo mode, so the sender CLI works out of the box. */
export const DEMO_SMARTHOME_SECRET = "demo-smarthome-secret-0123456789";

const DEV_SECRET = "development-only-secret-do-not-use-in-production!";

/**
 * Reads and validates the environment.
 *
 * @example
 * const config = loadConfig({ PORT: "3001" });
 * config.port; // 3001
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration: ${lines.join("; ")}`);
  }
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, "");
  const url = new URL(publicUrl);
  const loopback = isLoopbackHost(url.hostname);
  const exposed = !isLoopbackHost(e.HOST) || !loopback || url.protocol === "https:";
  if (!e.AUTH_SECRET && (e.NODE_ENV === "production" || exposed)) {
    throw new ConfigError(
      "Invalid configuration: AUTH_SECRET (32+ random characters) is required in production and whenever HOST is not loopback or PUBLIC_URL is not a loopback http address",
    );
  }
  if ((e.NODE_ENV === "production" || exposed) && e.AUTH_SECRET === DEV_SECRET) {
    throw new ConfigError(
      "Invalid configuration: AUTH_SECRET is the public development secret from the source code; choose your own",
    );
  }
  if (exposed && e.SMARTHOME_WEBHOOK_SECRET === DEMO_SMARTHOME_SECRET) {
    throw new ConfigError(
      "Invalid configuration: SMARTHOME_WEBHOOK_SECRET is the public demo secret from the source code; choose your own",
    );
  }
  const demoMode = e.DEMO_MODE ?? (e.NODE_ENV !== "production" && !e.SMTP_URL && !exposed);
  if (demoMode && exposed && !e.SMARTHOME_WEBHOOK_SECRET) {
    throw new ConfigError(
      "Invalid configuration: SMARTHOME_WEBHOOK_SECRET (16+ characters) is required when demo mode is on and HOST is not loopback or PUBLIC_URL is not a loopback http address",
    );
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    publicUrl,
    authSecret: e.AUTH_SECRET ?? DEV_SECRET,
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM,
    demoMode,
    demoDataUnits: e.DEMO_DATA_UNITS,
    logLevel: e.LOG_LEVEL,
    privacyPolicyUrl: e.PRIVACY_POLICY_URL,
    termsUrl: e.TERMS_URL,
    accountPrivacyPolicyUrl: e.ACCOUNT_PRIVACY_POLICY_URL ?? null,
    supportPhone: e.SUPPORT_PHONE,
    supportEmail: e.SUPPORT_EMAIL,
    serviceApiKeys: parseServiceKeys(e.SERVICE_API_KEYS),
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    timeZone: e.TIME_ZONE,
    shippingAllowanceDays: e.SHIPPING_ALLOWANCE_DAYS,
    warrantyEndsSoonDays: e.WARRANTY_ENDS_SOON_DAYS,
    lookupsPerMinute: { account: e.LOOKUPS_PER_MINUTE_ACCOUNT, ip: e.LOOKUPS_PER_MINUTE_IP },
    reminderThresholdsDays: e.REMINDER_THRESHOLDS_DAYS.split(",").map(Number),
    reminderAfterDays: e.REMINDER_AFTER_DAYS === "" ? [] : e.REMINDER_AFTER_DAYS.split(",").map(Number),
    reminderIntervalMinutes: e.REMINDER_INTERVAL_MINUTES,
    shopProductUrl: e.SHOP_PRODUCT_URL,
    recommendationMinCoOwners: e.RECOMMENDATION_MIN_CO_OWNERS,
    filesDir: e.FILES_DIR,
    signInAttemptsPerMinute: e.SIGN_IN_ATTEMPTS_PER_MINUTE,
    labelMaxPixels: e.LABEL_MAX_PIXELS,
    labelDecoding: {
      workers: e.LABEL_DECODE_WORKERS,
      queue: e.LABEL_DECODE_QUEUE,
      timeoutMs: e.LABEL_DECODE_TIMEOUT_MS,
    },
    smarthomeWebhookSecret: e.SMARTHOME_WEBHOOK_SECRET ?? (demoMode ? DEMO_SMARTHOME_SECRET : undefined),
    brandName: e.BRAND_NAME,
    accountDeletionGraceDays: e.ACCOUNT_DELETION_GRACE_DAYS,
    trustProxy: e.TRUST_PROXY.split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    requestTimeoutMs: e.REQUEST_TIMEOUT_SECONDS * 1000,
    secureCookies: url.protocol === "https:" || loopback,
    exposed,
  };
}

/**
 * Whether a host name or address only reaches this machine.
 *
 * @example
 * isLoopbackHost("127.0.0.1"); // true
 * isLoopbackHost("0.0.0.0"); // false: every interface
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, "");
  return (
    h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h) || /^::ffff:127(\.\d{1,3}){3}$/.test(h)
  );
}

function parseServiceKeys(raw: string): Map<string, string> {
  const keys = new Map<string, string>();
  for (const pair of raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const at = pair.indexOf(":");
    if (at <= 0 || pair.length - at - 1 < 16) {
      throw new ConfigError(
        "Invalid configuration: SERVICE_API_KEYS must be name:secret pairs with secrets of 16+ characters",
      );
    }
    keys.set(pair.slice(at + 1), pair.slice(0, at));
  }
  return keys;
}
