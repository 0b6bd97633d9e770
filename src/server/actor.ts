import { createHmac, timingSafeEqual } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { SessionReader, SessionUser } from "../features/accounts/sessions.ts";
import { Problem, unauthenticated } from "./problem.ts";

/**
 * What is calling: the web app (session cookie), the members app (a better-auth bearer session),
 * or a device signed in by device code (a TV, the Wi-Fi scanner) with a device token of ours.
 * Routes declare the clients they serve (`config.clients`); the registration channel and the
 * app's consent follow from it.
 */
export type Client = "web" | "app" | "tv" | "scanner";
export const CLIENTS: readonly Client[] = ["web", "app", "tv", "scanner"];

/**
 * How a device token begins, so that it is told from a better-auth session token without a look-up
 * and never handed to better-auth (whose `/api/auth/*` endpoints therefore never accept one).
 */
export const DEVICE_TOKEN_PREFIX = "pdt_";

/**
 * Who is calling: resolved once per request from the session cookie or a bearer token. Its
 * `sessionId` is the better-auth session, or the device token's hash.
 */
export interface Actor extends SessionUser {
  client: Client;
  /** The TV a device token was issued to, when its grant named one. */
  device: { serial: string | null; model: string | null } | null;
}

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** Finds the actor a device token stands for; null when it is unknown or expired. */
export type DeviceTokenLookup = (token: string) => Promise<Actor | null>;

/** How requests find their session: the reader, and the name of the session cookie. */
export interface Sessions {
  read: SessionReader;
  cookieName: string;
}

export async function resolveActor(
  sessions: Sessions,
  deviceToken: DeviceTokenLookup,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<Actor | null> {
  // Exactly the form better-auth's bearer plugin reads ("Bearer <token>"): a header it would
  // ignore must not make a cookie session look like the app (which needs no CSRF token).
  const bearer = /^Bearer ([^\s]+)$/i.exec(request.headers.authorization ?? "")?.[1] ?? null;
  if (bearer?.startsWith(DEVICE_TOKEN_PREFIX)) return deviceToken(bearer);
  const cookie = request.cookies[sessions.cookieName];
  if (!bearer && !cookie) return null;
  const read = await sessions.read(bearer ? { bearer } : { cookie: cookie as string });
  if (!read) return null;
  // A session better-auth just extended: the browser gets its cookie with the new expiry.
  if (read.setCookie.length > 0) reply.header("set-cookie", read.setCookie);
  return { ...read.user, client: bearer ? "app" : "web", device: null };
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
  if (actor?.client !== "web" || SAFE_METHODS.has(request.method)) return;
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
