import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { fromNodeHeaders } from "better-auth/node";
import type { Database } from "../../db/database.ts";
import { toBool, toInstant } from "../../db/tables.ts";
import { isLocale, type Locale } from "../../messages/catalog.ts";
import { type Auth, ROLES, type Role } from "./auth.ts";
import { findSessionWithUser } from "./queries.ts";

/** Who a session belongs to, as each request needs it. */
export interface SessionUser {
  userId: string;
  email: string;
  name: string;
  role: Role;
  locale: Locale;
  emailVerified: boolean;
  sessionId: string;
}

/** Where a request's session token came from: the session cookie (web) or a bearer header (app). */
export type SessionCredential = { cookie: string } | { bearer: string };

export type SessionReader = (
  credential: SessionCredential,
  headers: IncomingHttpHeaders,
) => Promise<SessionUser | null>;

/**
 * Reads better-auth sessions in one indexed look-up (session by token, joined to its user) and
 * checks the cookie's signature with node:crypto, instead of better-auth's `getSession` (WebCrypto,
 * two look-ups and its adapter's transforms, about half a millisecond a request). Nothing is
 * cached: signing out, a password change or a removed account count on the next request, on
 * every instance. better-auth still handles what writes: a session due to be extended (once a
 * day) or expired goes through `getSession`, which extends or deletes it.
 *
 * The rules are better-auth's own: a cookie value is `<token>.<base64 HMAC-SHA256 of the token>`;
 * a bearer token is either that signed form or the bare token (its bearer plugin signs a bare
 * token itself). Unlike its plugin, a bearer token that fails the check is not replaced by a
 * cookie sent along: the request is then not signed in.
 */
export async function sessionReader(auth: Auth, database: Database): Promise<SessionReader> {
  const context = await auth.$context;
  const secret = context.secret;
  const { expiresIn, updateAge } = context.sessionConfig;
  return async (credential, headers) => {
    const token =
      "cookie" in credential
        ? signedToken(secret, credential.cookie)
        : bearerToken(secret, credential.bearer);
    if (!token) return null;
    const row = await findSessionWithUser(database, token);
    if (!row) return null;
    const expiresAt = Date.parse(toInstant(row.expiresAt));
    // better-auth's own test for "extend now", on its own clock.
    const dueForUpdate = expiresAt - expiresIn * 1000 + updateAge * 1000 <= Date.now();
    if (expiresAt <= Date.now() || dueForUpdate) return throughBetterAuth(auth, headers);
    return {
      userId: row.userId,
      email: row.email,
      name: row.name,
      role: roleOf(row.role),
      locale: isLocale(row.locale) ? row.locale : "nb",
      emailVerified: toBool(row.emailVerified),
      sessionId: row.sessionId,
    };
  };
}

/** The session cookie's name as better-auth sets it (with `__Secure-` over HTTPS). */
export async function sessionCookieName(auth: Auth): Promise<string> {
  return (await auth.$context).authCookies.sessionToken.name;
}

async function throughBetterAuth(auth: Auth, headers: IncomingHttpHeaders): Promise<SessionUser | null> {
  const result = await auth.api.getSession({ headers: fromNodeHeaders(headers) });
  if (!result) return null;
  const { user, session } = result;
  const extra = user as { role?: unknown; locale?: unknown };
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: roleOf(extra.role),
    locale: isLocale(extra.locale) ? extra.locale : "nb",
    emailVerified: user.emailVerified,
    sessionId: session.id,
  };
}

function roleOf(value: unknown): Role {
  return ROLES.includes(value as Role) ? (value as Role) : "customer";
}

function bearerToken(secret: string, bearer: string): string | null {
  if (!bearer.includes(".")) return bearer;
  return signedToken(secret, bearer.includes("%") ? decoded(bearer) : bearer);
}

/** The token of a signed value, or null when the signature does not match (better-call's rules). */
function signedToken(secret: string, value: string): string | null {
  const dot = value.lastIndexOf(".");
  if (dot < 1) return null;
  const token = value.slice(0, dot);
  const signature = value.slice(dot + 1);
  if (signature.length !== 44 || !signature.endsWith("=")) return null;
  const expected = createHmac("sha256", secret).update(token).digest();
  const given = Buffer.from(signature, "base64");
  return given.length === expected.length && timingSafeEqual(given, expected) ? token : null;
}

function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
