import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";
import type { AuthContext, BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";

import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-length.ts";

export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH };
/** zxcvbn's score 3: about 10^8 guesses or more ("safely unguessable" behind a slow hash). */
export const PASSWORD_MIN_SCORE = 3;

/**
 * Names of this service that make a password guessable for anyone who knows where it is used; each
 * counts in every spelling (see {@link spellings}). The brand name is added per instance.
 */
const SERVICE_NAMES = ["Owner Portal", "Eier Portalen", "Eier Portal"];
/** The plugin's id, by which {@link brandNameOf} finds its options. */
const PLUGIN_ID = "password-strength";

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

/**
 * Who the password belongs to and the brand it is for: the address, the name and the brand make it
 * guessable when it contains them. Every field may be missing; the common-password list still applies.
 */
export interface PasswordContext {
  email?: unknown;
  name?: unknown;
  brandName?: string | undefined;
}

/**
 * The words an attacker tries first for this person: the service's names and the brand in every
 * spelling, the email, its local part and domain, the name, and their pieces.
 *
 * @example
 * contextWords({ email: "nora.nordmann@example.com", name: "Nora Nordmann" }).includes("nordmann"); // true
 * contextWords({ brandName: "Nordlys Energi" }).includes("nordlys-energi"); // true
 */
export function contextWords({ email, name, brandName }: PasswordContext): string[] {
  const words = [...SERVICE_NAMES, ...(brandName ? [brandName] : [])].flatMap(spellings);
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

export interface PasswordStrengthOptions {
  /** The brand the portal is run under (config.brandName): its spellings count as guessable words. */
  brandName: string;
  /**
   * The person signed in with these request headers, found as better-auth's endpoints find them:
   * through its whole pipeline, so a bearer token counts as much as a cookie. A before hook sees
   * the headers as they came (the bearer plugin's rewrite reaches only the endpoint), so asking
   * `getSessionFromCtx` there would find cookie sessions alone.
   */
  sessionUser(headers: Headers): Promise<{ email: string; name: string } | null>;
}

/**
 * Refuses guessable passwords wherever a password is chosen through better-auth: sign-up, reset
 * and change. (better-auth's own haveIBeenPwned plugin needs an online service; this list is offline.)
 * A reset is never let through unchecked: when the token's person cannot be found, the password is
 * still scored, against the common passwords and the service's names. A change without a session
 * is left to the endpoint, which answers 401 before any password matters.
 */
export function passwordStrength(options: PasswordStrengthOptions) {
  const { brandName } = options;
  return {
    id: PLUGIN_ID,
    options: { brandName },
    hooks: {
      before: [
        {
          matcher: (ctx) => ctx.path === "/sign-up/email",
          handler: createAuthMiddleware(async (ctx) => {
            refuseGuessable(ctx.body?.password, { email: ctx.body?.email, name: ctx.body?.name, brandName });
          }),
        },
        {
          matcher: (ctx) => ctx.path === "/reset-password",
          handler: createAuthMiddleware(async (ctx) => {
            // Exactly the endpoint's precedence: an empty token in the body gives way to the query's.
            const token: unknown = ctx.body?.token || ctx.query?.token;
            const user = typeof token === "string" && token ? await resetTokenUser(ctx.context, token) : null;
            refuseGuessable(ctx.body?.newPassword, { email: user?.email, name: user?.name, brandName });
          }),
        },
        {
          matcher: (ctx) => ctx.path === "/change-password",
          handler: createAuthMiddleware(async (ctx) => {
            // Without a session the endpoint itself answers 401, before any password matters; the
            // session is found by better-auth's own pipeline (cookie or bearer), as the endpoint finds it.
            const user = ctx.headers ? await options.sessionUser(ctx.headers) : null;
            if (!user) return;
            refuseGuessable(ctx.body?.newPassword, { email: user.email, name: user.name, brandName });
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
}

/**
 * The brand name given to the password-strength plugin among these plugins, for checks made
 * outside better-auth's endpoints (accounts created by operators).
 *
 * @example
 * brandNameOf((await auth.$context).options.plugins); // "Nordlys"
 */
export function brandNameOf(plugins: BetterAuthPlugin[] | undefined): string | undefined {
  const brandName: unknown = plugins?.find((plugin) => plugin.id === PLUGIN_ID)?.options?.brandName;
  return typeof brandName === "string" ? brandName : undefined;
}

/** The user a live reset token belongs to, looked up as better-auth stores reset tokens. */
async function resetTokenUser(
  context: AuthContext,
  token: string,
): Promise<{ email: string; name: string } | null> {
  const verification = await context.internalAdapter.findVerificationValue(`reset-password:${token}`);
  if (!verification || verification.expiresAt < new Date()) return null;
  return context.internalAdapter.findUserById(verification.value);
}

/**
 * A name as people type it into a password: as written, hyphenated and joined. (Not its words one
 * by one: "owner" or "portal" alone is an ordinary word, and in passwords people use.)
 *
 * @example
 * spellings("Owner Portal"); // ["owner portal", "owner-portal", "ownerportal"]
 */
function spellings(name: string): string[] {
  const lower = name.trim().toLowerCase();
  const parts = pieces(lower).filter(Boolean);
  return [lower, parts.join("-"), parts.join("")];
}

function pieces(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u);
}
