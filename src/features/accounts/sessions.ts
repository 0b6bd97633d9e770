import { createHmac, timingSafeEqual } from "node:crypto";
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

/** A session read: whose it is, and the cookies to set when better-auth extended it (web only). */
export interface SessionRead {
  user: SessionUser;
  setCookie: string[];
}

export type SessionReader = (credential: SessionCredential) => Promise<SessionRead | null>;

/**
 * Reads better-auth sessions in one indexed look-up (session by token, joined to its user) and
 * checks the cookie's signature with node:crypto, instead of better-auth's `getSession` (WebCrypto,
 * two look-ups and its adapter's transforms, about half a millisecond a request). Nothing is
 * cached: signing out, a password change or a removed account count on the next request, on
 * every instance. better-auth still handles what writes: a session due to be extended (once a
 * day) or expired goes through `getSession`, which extends or deletes it. It is handed only the
 * credential read here, so that it answers for that session and no other (better-auth also takes a
 * bearer header that is not quite "Bearer <token>", which a cookie request may carry beside it).
 * When it extends a cookie session, its new cookie goes back to the browser with the answer, so a
 * web session lasts as long as it is used, not 30 days from sign-in.
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
  const cookieName = context.authCookies.sessionToken.name;
  return async (credential) => {
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
    if (expiresAt <= Date.now() || dueForUpdate) {
      return throughBetterAuth(auth, credentialHeaders(cookieName, credential), "cookie" in credential);
    }
    const user: SessionUser = {
      userId: row.userId,
      email: row.email,
      name: row.name,
      role: roleOf(row.role),
      locale: isLocale(row.locale) ? row.locale : "nb",
      emailVerified: toBool(row.emailVerified),
      sessionId: row.sessionId,
    };
    return { user, setCookie: [] };
  };
}

/** The session cookie's name as better-auth sets it (with `__Secure-` over HTTPS). */
export async function sessionCookieName(auth: Auth): Promise<string> {
  return (await auth.$context).authCookies.sessionToken.name;
}

/** The request headers better-auth needs to read this credential's session: that credential alone. */
function credentialHeaders(cookieName: string, credential: SessionCredential): Headers {
  return new Headers(
    "cookie" in credential
      ? { cookie: `${cookieName}=${encodeURIComponent(credential.cookie)}` }
      : { authorization: `Bearer ${credential.bearer}` },
  );
}

async function throughBetterAuth(auth: Auth, headers: Headers, web: boolean): Promise<SessionRead | null> {
  const { headers: answer, response: result } = await auth.api.getSession({ headers, returnHeaders: true });
  if (!result) return null;
  const { user, session } = result;
  const extra = user as { role?: unknown; locale?: unknown };
  const read: SessionUser = {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: roleOf(extra.role),
    locale: isLocale(extra.locale) ? extra.locale : "nb",
    emailVerified: user.emailVerified,
    sessionId: session.id,
  };
  return { user: read, setCookie: web ? answer.getSetCookie() : [] };
}

function roleOf(value: unknown): Role {
  return ROLES.includes(value as Role) ? (value as Role) : "customer";
}

function bearerToken(secret: string, bearer: string): string | null {
  if (!bearer.includes(".")) return bearer;
  return signedToken(secret, bearer.includes("%") ? decoded(bearer) : bearer);
}

/**
 * Standard base64 of 32 bytes, as better-call's `atob` reads it: Buffer's decoder would also take
 * the base64url letters (`-`, `_`) for the same bytes, which better-auth refuses.
 */
const SIGNATURE = /^[A-Za-z0-9+/]{43}=$/;

/** The token of a signed value, or null when the signature does not match (better-call's rules). */
function signedToken(secret: string, value: string): string | null {
  const dot = value.lastIndexOf(".");
  if (dot < 1) return null;
  const token = value.slice(0, dot);
  const signature = value.slice(dot + 1);
  if (!SIGNATURE.test(signature)) return null;
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
