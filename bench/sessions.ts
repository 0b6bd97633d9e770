import { createHmac } from "node:crypto";
import type { Config } from "../src/config/config.ts";
import type { Database } from "../src/db/database.ts";
import { createAuth } from "../src/features/accounts/auth.ts";
import { csrfTokenFor } from "../src/server/actor.ts";

export interface BenchOwner {
  userId: string;
  /** The `cookie` header of a web session. */
  cookie: string;
  /** The CSRF token that session's writes carry. */
  csrf: string;
  /** The same session as a bearer token (the members app). */
  token: string;
}

/**
 * Verified owners with a session each, created the way better-auth stores them (user, credential
 * account, session) but with one password hash for all: hashing a password per owner would make
 * the fill, not the portal, the slow part. Cookies are signed as better-auth signs them.
 */
export async function benchOwners(
  config: Config,
  database: Database,
  count: number,
  prefix = "owner",
): Promise<BenchOwner[]> {
  const context = await createAuth(config, database).$context;
  const hash = await context.password.hash("bench password 1");
  const owners: BenchOwner[] = [];
  const stamp = Date.now().toString(36);
  for (let i = 0; i < count; i++) {
    const user = await context.internalAdapter.createUser(
      {
        email: `${prefix}-${stamp}-${i}@example.com`,
        name: `Owner ${i}`,
        emailVerified: true,
        role: "customer",
      },
      { method: "admin" },
    );
    await context.internalAdapter.linkAccount({
      userId: user.id,
      providerId: "credential",
      accountId: user.id,
      password: hash,
    });
    const session = await context.internalAdapter.createSession(user.id);
    owners.push(ownerSession(config, user.id, session.id, session.token));
  }
  return owners;
}

/** The cookie, CSRF token and bearer token of one better-auth session. */
export function ownerSession(config: Config, userId: string, sessionId: string, token: string): BenchOwner {
  const signature = createHmac("sha256", config.authSecret).update(token).digest("base64");
  const name = config.secureCookies ? "__Secure-portal.session_token" : "portal.session_token";
  const cookie = `${name}=${encodeURIComponent(`${token}.${signature}`)}`;
  return { userId, cookie, csrf: csrfTokenFor(config.authSecret, sessionId), token };
}
