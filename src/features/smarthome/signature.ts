import { createHmac, timingSafeEqual } from "node:crypto";

/** How far a webhook's timestamp may be from our clock, either way. */
export const SIGNATURE_WINDOW_SECONDS = 300;

/**
 * The signature of a smart-home webhook: HMAC-SHA256 over "<timestamp>.<raw body>" with the
 * shared secret, hex, sent as `x-smarthome-signature: sha256=<hex>` with `x-smarthome-timestamp`.
 *
 * @example
 * signWebhook("secret", 1795600000, '{"id":"e1"}'); // "sha256=…"
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

export type SignatureCheck = "ok" | "missing" | "stale" | "bad";

/** Checks a webhook's signature and its timestamp against the window. */
export function checkWebhookSignature(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  body: string,
  now: Date,
): SignatureCheck {
  if (!headers.timestamp || !headers.signature) return "missing";
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp)) return "bad";
  if (Math.abs(now.getTime() / 1000 - timestamp) > SIGNATURE_WINDOW_SECONDS) return "stale";
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const sent = Buffer.from(headers.signature);
  return sent.length === expected.length && timingSafeEqual(sent, expected) ? "ok" : "bad";
}
