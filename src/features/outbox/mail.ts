import type { Database } from "../../db/database.ts";
import { formatMessage, type Locale, type MessageKey } from "../../messages/catalog.ts";
import { enqueue } from "./queries.ts";

/** Each template has a subject and a body in both catalogs. */
const TEMPLATES = {
  "verify-email": { subject: "mail.verifyEmail.subject", body: "mail.verifyEmail.body" },
  "reset-password": { subject: "mail.resetPassword.subject", body: "mail.resetPassword.body" },
  "warranty-reminder": { subject: "mail.reminder.subject", body: "mail.reminder.body" },
  "claim-update": { subject: "mail.claim.subject", body: "mail.claim.body" },
} as const satisfies Record<string, { subject: MessageKey; body: MessageKey }>;

export type MailTemplate = keyof typeof TEMPLATES;

export interface Mail {
  to: string;
  subject: string;
  text: string;
  template: MailTemplate;
  locale: Locale;
}

/**
 * Renders a mail in the recipient's language and puts it in the outbox; the worker sends it.
 *
 * @example
 * await enqueueMail(database, { to: "a@example.com", locale: "en", template: "verify-email", values: { name: "Ada", url } });
 */
export async function enqueueMail(
  database: Pick<Database, "db">,
  input: {
    to: string;
    locale: Locale;
    template: MailTemplate;
    values: Record<string, string | number>;
    dedupeKey?: string;
    suppressed?: boolean;
  },
): Promise<boolean> {
  const keys = TEMPLATES[input.template];
  const mail: Mail = {
    to: input.to,
    template: input.template,
    locale: input.locale,
    subject: formatMessage(input.locale, keys.subject, input.values),
    text: formatMessage(input.locale, keys.body, input.values),
  };
  return enqueue(database, "mail", mail, {
    ...(input.dedupeKey ? { dedupeKey: input.dedupeKey } : {}),
    ...(input.suppressed ? { suppressed: true } : {}),
  });
}
