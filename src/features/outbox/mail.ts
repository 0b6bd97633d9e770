import { createHash } from "node:crypto";
import type { Database } from "../../db/database.ts";
import { formatMessage, type Locale, type MessageKey } from "../../messages/catalog.ts";
import { enqueue } from "./queries.ts";

/** Each template has a subject and a body in both catalogs. */
const TEMPLATES = {
  "verify-email": { subject: "mail.verifyEmail.subject", body: "mail.verifyEmail.body" },
  "reset-password": { subject: "mail.resetPassword.subject", body: "mail.resetPassword.body" },
  "warranty-reminder": { subject: "mail.reminder.subject", body: "mail.reminder.body" },
  "warranty-ended": { subject: "mail.warrantyEnded.subject", body: "mail.warrantyEnded.body" },
  "claim-update": { subject: "mail.claim.subject", body: "mail.claim.body" },
  "repair-update": { subject: "mail.repair.subject", body: "mail.repair.body" },
  "transfer-update": { subject: "mail.transfer.subject", body: "mail.transfer.body" },
  "export-ready": { subject: "mail.exportReady.subject", body: "mail.exportReady.body" },
  "deletion-scheduled": { subject: "mail.deletionScheduled.subject", body: "mail.deletionScheduled.body" },
  "account-erased": { subject: "mail.accountErased.subject", body: "mail.accountErased.body" },
} as const satisfies Record<string, { subject: MessageKey; body: MessageKey }>;

export type MailTemplate = keyof typeof TEMPLATES;

export interface Mail {
  to: string;
  subject: string;
  text: string;
  template: MailTemplate;
  locale: Locale;
  /** Once sent, the outbox keeps the mail without its address (the last mail to an erased account). */
  forget?: true;
}

/** Line breaks, other control characters and marks that reverse the direction of text. */
const UNSAFE_IN_TEXT = /[\p{Cc}\p{Zl}\p{Zp}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]+/gu;
/** A name is cut at the length sign-up allows (one stored before that bound may be longer). */
const MAX_NAME_LENGTH = 100;
/** Every other value but `url` is cut here: the longest we take is a reason of 2,000 characters. */
const MAX_VALUE_LENGTH = 2000;

/**
 * A value as it may stand in a plain-text mail: on one line, so that a name, a nickname or a
 * reason cannot start a line of its own (a fake link, a fake signature), and bounded; `url`, which
 * we build ourselves, is not cut. The mails are plain text only, so there is no HTML to escape.
 *
 * @example
 * plainText("name", "Ada\r\n\r\nhttps://example.net/reset"); // "Ada https://example.net/reset"
 */
function plainText(key: string, value: string): string {
  const line = value.replace(UNSAFE_IN_TEXT, " ").replace(/ {2,}/g, " ").trim();
  const max = key === "url" ? Number.POSITIVE_INFINITY : key === "name" ? MAX_NAME_LENGTH : MAX_VALUE_LENGTH;
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

/**
 * Renders a mail in the recipient's language and puts it in the outbox; the worker sends it.
 * False when nothing was queued: the `dedupeKey` was taken, or the recipient had their
 * `perRecipientPerHour` mails of this template this hour (see {@link hourlySlotKeys}).
 *
 * @example
 * await enqueueMail(database, { to: "a@example.com", locale: "en", template: "verify-email", values: { url }, at: clock.now() });
 * await enqueueMail(database, { to, locale, template: "verify-email", values: { url }, perRecipientPerHour: 3, at });
 */
export async function enqueueMail(
  database: Pick<Database, "db">,
  input: {
    to: string;
    locale: Locale;
    template: MailTemplate;
    values: Record<string, string | number>;
    suppressed?: boolean;
    forget?: true;
    /** When it is enqueued: the caller's clock, which also picks the hour of `perRecipientPerHour`. */
    at: Date;
  } & (
    | { dedupeKey?: string; perRecipientPerHour?: never }
    | { perRecipientPerHour: number; dedupeKey?: never }
  ),
): Promise<boolean> {
  const keys = TEMPLATES[input.template];
  const values = Object.fromEntries(
    Object.entries(input.values).map(([key, value]) => [
      key,
      typeof value === "string" ? plainText(key, value) : value,
    ]),
  );
  const mail: Mail = {
    to: input.to,
    template: input.template,
    locale: input.locale,
    // A header is one line, whatever a template or a value holds.
    subject: formatMessage(input.locale, keys.subject, values).replace(UNSAFE_IN_TEXT, " "),
    text: formatMessage(input.locale, keys.body, values),
    ...(input.forget ? { forget: true as const } : {}),
  };
  const recipientHash = mailRecipientHash(input.to);
  const { at } = input;
  const suppressed = input.suppressed ? { suppressed: true } : {};
  if (input.perRecipientPerHour === undefined) {
    return enqueue(database, "mail", mail, {
      ...(input.dedupeKey ? { dedupeKey: input.dedupeKey } : {}),
      ...suppressed,
      recipientHash,
      at,
    });
  }
  for (const dedupeKey of hourlySlotKeys(input.template, input.to, input.perRecipientPerHour, at)) {
    if (await enqueue(database, "mail", mail, { dedupeKey, ...suppressed, recipientHash, at })) return true;
  }
  return false;
}

/**
 * The dedupe keys of a recipient's mails of one template in the clock hour of `now`: one per mail
 * allowed. A mail takes the first free key, so the outbox's unique index on `dedupe_key` caps
 * them, across app instances and racing requests, at `perHour` probes of that index at most (no
 * count over the outbox). The address is hashed, normalized, so that the key has one length.
 *
 * @example
 * hourlySlotKeys("verify-email", "Ada@example.com", 3, new Date()).length; // 3
 */
export function hourlySlotKeys(template: MailTemplate, to: string, perHour: number, now: Date): string[] {
  const recipient = createHash("sha256").update(to.trim().toLowerCase()).digest("base64url");
  const hour = Math.floor(now.getTime() / 3_600_000);
  return Array.from({ length: perHour }, (_, slot) => `mail:${template}:${recipient}:${hour}:${slot}`);
}

/** The hash the outbox keeps of a mail's address: the same for any spelling of its case. */
export function mailRecipientHash(to: string): string {
  return createHash("sha256").update(to.trim().toLowerCase()).digest("hex");
}
