import { timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { Problem } from "./problem.ts";

/**
 * The manufacturer's systems (factory feed, web shop) authenticate with a key from
 * SERVICE_API_KEYS in the `x-service-key` header. Returns the key's name for the audit log.
 */
export function requireServiceKey(keys: ReadonlyMap<string, string>, request: FastifyRequest): string {
  const sent = request.headers["x-service-key"];
  if (typeof sent !== "string" || sent.length === 0) {
    throw new Problem("service.key_required", "Send a service key in the x-service-key header.");
  }
  for (const [secret, name] of keys) {
    if (secret.length === sent.length && timingSafeEqual(Buffer.from(secret), Buffer.from(sent))) return name;
  }
  throw new Problem("service.key_invalid", "The service key is not valid.");
}
