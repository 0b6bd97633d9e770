import type { FastifyRequest } from "fastify";
import type { Config } from "../config/config.ts";
import type { Clock } from "../domain/clock.ts";
import type { Client } from "./actor.ts";
import { createLimiter } from "./limiter.ts";
import { Problem, unauthenticated } from "./problem.ts";
import { requireServiceKey } from "./service-key.ts";

declare module "fastify" {
  interface FastifyContextConfig {
    /**
     * Who may call a route under /api/v1. Routes are for signed-in people unless they say
     * otherwise, so a new route is never public by accident.
     */
    access?: "public" | "user" | "service" | "partner";
    /**
     * Which clients may call a route under /api/v1 (default: the web app and the members app). A
     * device token (a TV, the Wi-Fi scanner) reaches only the routes that name its client, and is
     * answered 403 `auth.client_not_allowed` everywhere else.
     */
    clients?: readonly Client[];
    /**
     * `lookup`: the route reveals whether a unit exists or claims one, so calls are counted per
     * account and per client address (LOOKUPS_PER_MINUTE_*), against walking the serial space.
     */
    limit?: "lookup";
  }
}

/** The clients of a route that does not say: people, in the browser or the members app. */
export const DEFAULT_CLIENTS: readonly Client[] = ["web", "app"];

/** The prefix of the routes whose access is declared per route (`config.access`). */
export const API_PREFIX = "/api/v1/";

/**
 * Whether the route a request matched is one of ours under /api/v1. Decided on the matched
 * route, never on the raw URL: `/%61pi/v1/…`, `//api/v1/…` and friends match the same route, or
 * none at all.
 */
export function isApiRoute(request: FastifyRequest): boolean {
  return request.routeOptions.url?.startsWith(API_PREFIX) ?? false;
}

/**
 * Checks the caller before the body is read or validated: 401 comes before 400, and a service
 * route never reads an unauthenticated upload.
 */
export function enforceAccess(request: FastifyRequest, serviceKeys: ReadonlyMap<string, string>): void {
  if (!isApiRoute(request)) return; // another route (or none: the 404 handler answers)
  const access = request.routeOptions.config.access ?? "user";
  if (access === "service") requireServiceKey(serviceKeys, request);
  else if (access === "partner") requirePartnerKeyHeader(request);
  else if (access === "user" && !request.actor) throw unauthenticated();
}

/**
 * A partner route needs the partner's key: without one it is refused here, before any other check;
 * which partner the key is, is looked up by the partner routes themselves.
 */
function requirePartnerKeyHeader(request: FastifyRequest): void {
  const sent = request.headers["x-partner-key"];
  if (typeof sent !== "string" || sent.length === 0)
    throw new Problem("partner.key_required", "Send your partner key in the x-partner-key header.");
}

/**
 * Refuses a client the route does not name (a TV or scanner token anywhere but its own route, the
 * members app on the TV's), with 403 before the body is read. It runs after the declared limits,
 * so that refused calls count against the account as any other answer does.
 */
export function enforceClient(request: FastifyRequest): void {
  if (!isApiRoute(request) || !request.actor) return;
  // A partner's system is not a person's client: its key decides, whatever session comes along.
  if (request.routeOptions.config.access === "partner") return;
  const { client } = request.actor;
  if (!(request.routeOptions.config.clients ?? DEFAULT_CLIENTS).includes(client)) {
    throw new Problem("auth.client_not_allowed", `A ${client} token cannot call this route.`, { client });
  }
}

/**
 * What a per-address limit counts: an IPv4 address, or the /64 network of an IPv6 one, since one
 * home or one cloud host is given a whole /64 and could otherwise take a fresh address per request.
 *
 * @example
 * addressKey("2001:db8:1:2:aaaa::1"); // "2001:db8:1:2::/64"
 * addressKey("::ffff:192.0.2.7"); // "192.0.2.7"
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped?.[1]) return mapped[1];
  if (!ip.includes(":")) return ip;
  const [head = "", tail = ""] = ip.toLowerCase().split("%")[0]?.split("::") ?? [];
  const left = head ? head.split(":") : [];
  const right = ip.includes("::") && tail ? tail.split(":") : [];
  const groups = ip.includes("::")
    ? [...left, ...Array.from({ length: 8 - left.length - right.length }, () => "0"), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

/**
 * The limit a route declares (`config.limit`), counted per account and per client address,
 * after the caller is known. Routes outside /api/v1 (the TVs' OAuth endpoints) count per address.
 */
export function declaredLimits(config: Config, clock: Clock) {
  const lookup = createLimiter(
    [
      { name: "ip", max: config.lookupsPerMinute.ip, key: (request) => addressKey(request.ip) },
      {
        name: "account",
        max: config.lookupsPerMinute.account,
        key: (request) => request.actor?.userId ?? null,
      },
    ],
    clock,
  );
  return async function limit(request: FastifyRequest): Promise<void> {
    if (request.routeOptions.config.limit === "lookup") await lookup(request);
  };
}
