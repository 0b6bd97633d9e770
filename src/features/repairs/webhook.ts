import { createHmac } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/database.ts";
import { newRowId } from "../../db/row-id.ts";
import type { Tables } from "../../db/tables.ts";
import type { Clock } from "../../domain/clock.ts";
import type { OutboxMessage } from "../outbox/queries.ts";
import { enqueue } from "../outbox/queries.ts";
import { findPartner } from "./queries.ts";

/**
 * Webhooks from the portal to a service partner: what the owner decided (a quote approved or
 * declined, a repair cancelled). They go through the outbox, in the transaction of the decision,
 * so a partner is told exactly of what committed, at least once; each carries an id the partner
 * keys on to drop a repeat. Signed with the partner's webhook secret:
 * `x-portal-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`.
 */

export const PARTNER_WEBHOOK_TOPIC = "partner-webhook";

export type PartnerWebhookType = "quote.approved" | "quote.declined" | "repair.cancelled";

interface WebhookMessage {
  partnerId: string;
  body: {
    id: string;
    type: PartnerWebhookType;
    requestNumber: string;
    jobNumber: string | null;
    occurredAt: string;
  };
}

/** @example signPartnerWebhook("secret", 1795600000, '{"id":"…"}'); // "t=1795600000,v1=…" */
export function signPartnerWebhook(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** Queues a webhook to the partner, in the caller's transaction. */
export async function enqueuePartnerWebhook(
  db: Kysely<Tables>,
  partnerId: string,
  event: Omit<WebhookMessage["body"], "id" | "occurredAt">,
  at: Date,
): Promise<void> {
  const message: WebhookMessage = {
    partnerId,
    body: { id: newRowId(), ...event, occurredAt: at.toISOString() },
  };
  await enqueue({ db }, PARTNER_WEBHOOK_TOPIC, message, { at });
}

/**
 * The outbox handler: posts the webhook to the partner's URL as it is at sending time, and fails
 * (so the outbox tries again later) on anything but a 2xx in ten seconds. A partner without a URL
 * has nothing to be told.
 */
export function partnerWebhookHandler(database: Database, clock: Clock) {
  return async (message: OutboxMessage): Promise<void> => {
    const { partnerId, body } = message.payload as WebhookMessage;
    const partner = await findPartner(database.db, partnerId);
    if (!partner?.webhook_url || !partner.webhook_secret) return;
    const text = JSON.stringify(body);
    const timestamp = Math.floor(clock.now().getTime() / 1000);
    const response = await fetch(partner.webhook_url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-portal-event-id": body.id,
        "x-portal-signature": signPartnerWebhook(partner.webhook_secret, timestamp, text),
      },
      body: text,
      redirect: "error",
      signal: AbortSignal.timeout(10_000),
    });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`the partner's webhook answered ${response.status}`);
  };
}
