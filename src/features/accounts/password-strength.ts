import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware, getSessionFromCtx } from "better-auth/api";

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
/** zxcvbn's score 3: about 10^8 guesses or more ("safely unguessable" behind a slow hash). */
export const PASSWORD_MIN_SCORE = 3;

/** Words of this service that make a password guessable for anyone who knows where it is used. */
const SERVICE_WORDS = ["owner portal", "ownerportal", "eierportalen", "eierportal"];

// The common-password list and keyboard graphs, offline. Levenshtein matching is off: it compares
// the whole password with every listed word and costs ~100 ms a check; the l33t substitutions are
// capped for the same reason. With both, the slowest 128-character password costs some 40 ms.
const zxcvbn = new ZxcvbnFactory({
  dictionary,
  graphs: adjacencyGraphs,
  useLevenshteinDistance: false,
  l33tMaxSubstitutions: 20,
  maxLength: PASSWORD_MAX_LENGTH,
});

/** Who the password belongs to: their address and name make it guessable when it contains them. */
export interface PasswordContext {
  email?: unknown;
  name?: unknown;
}

/**
 * The words an attacker tries first for this person: the email, its local part and domain, the
 * name, and their pieces.
 *
 * @example
 * contextWords({ email: "nora.nordmann@example.com", name: "Nora Nordmann" }).includes("nordmann"); // true
 */
export function contextWords({ email, name }: PasswordContext): string[] {
  const words: string[] = [...SERVICE_WORDS];
  if (typeof email === "string") {
    const address = email.trim().toLowerCase();
    const [local = "", domain = ""] = address.split("@");
    words.push(address, local, ...pieces(local), domain, ...pieces(domain));
  }
  if (typeof name === "string") {
    const lower = name.trim().toLowerCase();
    words.push(lower, lower.replace(/\s+/g, ""), ...pieces(lower));
  }
  return [...new Set(words.filter((w) => w.length >= 3))];
}

/**
 * True when a password is too easy to guess: common, a pattern (repeats, runs, keyboard walks,
 * dates), or made of the person's own email or name. Length is checked elsewhere.
 *
 * @example
 * isGuessable("password12", {}); // true
 * isGuessable("nora.nordmann@example.com", { email: "nora.nordmann@example.com" }); // true
 * isGuessable("correct horse battery", { email: "nora@example.com" }); // false
 */
export function isGuessable(password: string, context: PasswordContext): boolean {
  return zxcvbn.check(password, contextWords(context)).score < PASSWORD_MIN_SCORE;
}

export class WeakPasswordError extends Error {}

/**
 * Throws {@link WeakPasswordError} for a guessable password. Passwords outside the allowed
 * lengths are left to the length checks, which answer more exactly (and cost nothing).
 */
export function assertPasswordStrong(password: string, context: PasswordContext): void {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) return;
  if (isGuessable(password, context)) {
    throw new WeakPasswordError(
      "This password is too easy to guess: avoid common passwords, repeated characters, runs of digits and your own name or email address.",
    );
  }
}

function refuseGuessable(password: unknown, context: PasswordContext): void {
  if (typeof password !== "string") return;
  try {
    assertPasswordStrong(password, context);
  } catch (error) {
    if (error instanceof WeakPasswordError) {
      throw new APIError("BAD_REQUEST", { code: "PASSWORD_WEAK", message: error.message });
    }
    throw error;
  }
}

/**
 * Refuses guessable passwords wherever a password is chosen through better-auth: sign-up, reset
 * and change. (better-auth's own haveIBeenPwned plugin needs an online service; this list is offline.)
 */
export function passwordStrength() {
  return {
    id: "password-strength",
    hooks: {
      before: [
        {
          matcher: (ctx) => ctx.path === "/sign-up/email",
          handler: createAuthMiddleware(async (ctx) => {
            refuseGuessable(ctx.body?.password, { email: ctx.body?.email, name: ctx.body?.name });
          }),
        },
        {
          matcher: (ctx) => ctx.path === "/reset-password",
          handler: createAuthMiddleware(async (ctx) => {
            const token: unknown = ctx.body?.token ?? ctx.query?.token;
            if (typeof token !== "string") return;
            // The identifier is how better-auth stores reset tokens. An unknown or expired token is
            // refused by the endpoint itself; scoring a password for it would be work for nothing.
            const verification = await ctx.context.internalAdapter.findVerificationValue(
              `reset-password:${token}`,
            );
            if (!verification || verification.expiresAt < new Date()) return;
            const user = await ctx.context.internalAdapter.findUserById(verification.value);
            if (!user) return;
            refuseGuessable(ctx.body?.newPassword, user);
          }),
        },
        {
          matcher: (ctx) => ctx.path === "/change-password",
          handler: createAuthMiddleware(async (ctx) => {
            const session = await getSessionFromCtx(ctx);
            // Without a session the endpoint answers 401 before it looks at the password.
            if (!session) return;
            refuseGuessable(ctx.body?.newPassword, session.user);
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
}

function pieces(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u);
}
