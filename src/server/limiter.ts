import type { FastifyRequest } from "fastify";
import type { Clock } from "../domain/clock.ts";
import { Problem } from "./problem.ts";

/**
 * Fixed-window counters for several keys of one request at once (per account and per address),
 * which the rate-limit plugin cannot do: it runs one limit per request. Counts live in this
 * process; behind a load balancer each instance counts on its own, which still bounds a walker.
 * The windows follow the app's clock, so a test that moves the clock starts a new window.
 *
 * @example
 * const limit = createLimiter([{ name: "ip", max: 30, key: (request) => request.ip }], app.clock);
 * app.post("/oauth/device_authorization", { onRequest: limit }, handler);
 *
 * A rule's `max` may be a function of the request, for a limit that differs per caller (each
 * look-up partner's own calls a minute): it is asked only for a request the rule counts.
 */
export function createLimiter(
  limits: {
    name: string;
    max: number | ((request: FastifyRequest) => number);
    key(request: FastifyRequest): string | null;
  }[],
  clock: Clock,
  windowMs = 60_000,
) {
  let windowStart = clock.now().getTime();
  let counts = new Map<string, number>();
  return async function limit(request: FastifyRequest) {
    const now = clock.now().getTime();
    // A clock set back (in a test) starts a new window too, instead of counting on for good.
    if (now - windowStart >= windowMs || now < windowStart) {
      windowStart = now;
      counts = new Map();
    }
    for (const rule of limits) {
      const id = rule.key(request);
      if (id === null) continue;
      const key = `${rule.name}:${id}`;
      const count = (counts.get(key) ?? 0) + 1;
      counts.set(key, count);
      if (count > (typeof rule.max === "number" ? rule.max : rule.max(request))) {
        const retryAfter = Math.ceil((windowStart + windowMs - now) / 1000);
        throw new Problem("request.rate_limited", "Too many look-ups. Wait a minute and try again.", {
          retryAfter,
        });
      }
    }
  };
}
