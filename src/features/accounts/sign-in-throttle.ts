import { createHmac } from "node:crypto";
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware, isAPIError } from "better-auth/api";
import type { Database } from "../../db/database.ts";
import type { Clock } from "../../domain/clock.ts";
import {
  deleteForgottenSignInFailures,
  deleteSignInFailures,
  insertSignInFailures,
  readSignInFailures,
  replaceSignInFailures,
} from "./queries.ts";
import { decideAttempt, FORGET_AFTER_SECONDS } from "./sign-in-delay.ts";

type Db = Pick<Database, "db">;

/** Attempts that race on one account get this many tries at the compare-and-set. */
const MAX_ROUNDS = 3;
/** Forgotten rows deleted whenever a new account key is stored: bounded work per sign-in. */
const PRUNE_BATCH = 20;

/**
 * The key of an account's failure count: an HMAC of the normalized email, the same whether or not
 * the account exists (so the delay tells nothing about who has an account), and no address at rest.
 *
 * @example
 * signInAccountKey("secret", " Ada@Example.com ") === signInAccountKey("secret", "ada@example.com"); // true
 */
export function signInAccountKey(secret: string, email: string): string {
  return createHmac("sha256", secret).update(`sign-in\u0000${email.trim().toLowerCase()}`).digest("hex");
}

/**
 * Counts a sign-in attempt against an account, or refuses it while the account's delay runs.
 * Races are decided by the database (insert-if-absent, then compare-and-set on the count).
 *
 * @example
 * const decision = await claimSignInAttempt(database, signInAccountKey(secret, "ada@example.com"), clock.now());
 * if (!decision.allowed) reply.header("retry-after", decision.retryAfterSeconds);
 */
export async function claimSignInAttempt(
  database: Db,
  accountKey: string,
  now: Date,
): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const current = await readSignInFailures(database, accountKey);
    const decision = decideAttempt(current, now);
    if (!decision.allowed) return decision;
    if (current) {
      if (await replaceSignInFailures(database, accountKey, current, decision.next)) return { allowed: true };
    } else if (await insertSignInFailures(database, accountKey, decision.next)) {
      await deleteForgottenSignInFailures(
        database,
        new Date(now.getTime() - FORGET_AFTER_SECONDS * 1000),
        PRUNE_BATCH,
      );
      return { allowed: true };
    }
  }
  // Other attempts on this account won every round: they are running right now, so wait a moment.
  return { allowed: false, retryAfterSeconds: 1 };
}

/** Forgets an account's failures: after a successful sign-in or a password reset. */
export async function clearSignInFailures(database: Db, secret: string, email: string): Promise<void> {
  await deleteSignInFailures(database, signInAccountKey(secret, email));
}

/**
 * A growing delay per account on `POST /sign-in/email`, on top of better-auth's limit per client
 * address. After a few free failures each further attempt waits, doubling up to 15 minutes, and is
 * answered 429 `auth.account_locked_briefly` with Retry-After, before the password is checked.
 *
 * Why better-auth hooks and not our proxy in auth-routes.ts: the after hook sees better-auth's
 * own outcome (a session, or an APIError with its code) instead of parsing the proxied response;
 * the hooks cover every way into the endpoint (HTTP and in-process `auth.api` calls); and they
 * run after better-auth's per-address limiter, so a request refused by address never counts
 * against an account. The proxy stays a thin translation of HTTP. The delays run on `clock`.
 */
export function signInThrottle({ database, secret, clock }: { database: Db; secret: string; clock: Clock }) {
  return {
    id: "sign-in-throttle",
    hooks: {
      before: [
        {
          matcher: (ctx) => ctx.path === "/sign-in/email",
          handler: createAuthMiddleware(async (ctx) => {
            const email: unknown = ctx.body?.email;
            // Not an email string: better-auth refuses the body, and there is no account to count.
            if (typeof email !== "string") return;
            const decision = await claimSignInAttempt(database, signInAccountKey(secret, email), clock.now());
            if (decision.allowed) return;
            throw new APIError(
              "TOO_MANY_REQUESTS",
              {
                code: "ACCOUNT_LOCKED_BRIEFLY",
                message: `Too many failed sign-ins for this account. Try again in ${decision.retryAfterSeconds} seconds.`,
              },
              { "retry-after": String(decision.retryAfterSeconds) },
            );
          }),
        },
      ],
      after: [
        {
          matcher: (ctx) => ctx.path === "/sign-in/email",
          handler: createAuthMiddleware(async (ctx) => {
            const email: unknown = ctx.body?.email;
            if (typeof email !== "string") return;
            const returned = ctx.context.returned;
            // The password was right (signed in, or only the address is unconfirmed): start afresh.
            const passwordRight = !isAPIError(returned) || returned.body?.code === "EMAIL_NOT_VERIFIED";
            if (passwordRight) await clearSignInFailures(database, secret, email);
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
}
