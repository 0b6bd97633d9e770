import { createHmac, timingSafeEqual } from "node:crypto";
import { fromNodeHeaders } from "better-auth/node";
import type { FastifyRequest } from "fastify";
import type { Auth, Role } from "../features/accounts/auth.ts";
import { isLocale, type Locale } from "../messages/catalog.ts";
import { Problem, unauthenticated } from "./problem.ts";

/** Who is calling: resolved once per request from the session cookie or a bearer token. */
export interface Actor {
  userId: string;
  email: string;
  name: string;
  role: Role;
  locale: Locale;
  emailVerified: boolean;
  sessionId: string;
  via: "cookie" | "bearer";
}

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export async function resolveActor(auth: Auth, request: FastifyRequest): Promise<Actor | null> {
  const bearer = request.headers.authorization?.startsWith("Bearer ") ?? false;
  if (!bearer && !request.headers.cookie?.includes("portal.session_token")) return null;
  const result = await auth.api.getSession({ headers: fromNodeHeaders(request.headers) });
  if (!result) return null;
  const { user, session } = result;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: (user as { role?: Role }).role ?? "customer",
    locale: isLocale((user as { locale?: unknown }).locale) ? (user as { locale: Locale }).locale : "nb",
    emailVerified: user.emailVerified,
    sessionId: session.id,
    via: bearer ? "bearer" : "cookie",
  };
}

/** @example const actor = requireActor(request); */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}

/**
 * The CSRF token for a cookie session: an HMAC of the session id, so it needs no storage and is
 * worthless without the matching (HttpOnly) cookie.
 */
export function csrfTokenFor(secret: string, sessionId: string): string {
  return createHmac("sha256", secret).update(`csrf:${sessionId}`).digest("base64url");
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Cookie-authenticated writes must echo the token in `x-csrf-token`; bearer clients need not. */
export function checkCsrf(secret: string, request: FastifyRequest): void {
  const actor = request.actor;
  if (actor?.via !== "cookie" || SAFE_METHODS.has(request.method)) return;
  const sent = request.headers["x-csrf-token"];
  const expected = csrfTokenFor(secret, actor.sessionId);
  if (
    typeof sent !== "string" ||
    sent.length !== expected.length ||
    !timingSafeEqual(Buffer.from(sent), Buffer.from(expected))
  ) {
    throw new Problem("auth.csrf", "This request is missing a valid CSRF token.");
  }
}
