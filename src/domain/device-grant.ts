/**
 * The pure rules of the OAuth 2.0 device authorization grant (RFC 8628): user codes and what a
 * device's poll of the token endpoint is answered with.
 */

/** Consonants only, so that a code never spells a word (RFC 8628 §6.1). */
export const USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";
export const USER_CODE_LENGTH = 8;

/** What a poll that came too early adds to the interval, for that poll and every later one (§3.5). */
export const SLOW_DOWN_STEP_SECONDS = 5;

/**
 * A new user code of `USER_CODE_LENGTH` letters: 20^8 ≈ 2.6·10^10 codes, so that a guess hits a
 * live one about once in hundreds of millions of tries while few codes are live.
 *
 * @param randomIndex - a uniform random integer in [0, n), e.g. `crypto.randomInt`
 * @example newUserCode(randomInt); // "BCDFGHJK"
 */
export function newUserCode(randomIndex: (n: number) => number): string {
  return Array.from(
    { length: USER_CODE_LENGTH },
    () => USER_CODE_ALPHABET[randomIndex(USER_CODE_ALPHABET.length)],
  ).join("");
}

/**
 * The code as stored: capitals, without the dash or spaces an owner types or leaves out.
 *
 * @example normalizeUserCode(" bcdf-ghjk "); // "BCDFGHJK"
 */
export function normalizeUserCode(typed: string): string {
  return typed.toUpperCase().replace(/[^A-Z]/g, "");
}

/**
 * The code as the TV shows it, in two groups of four.
 *
 * @example displayUserCode("BCDFGHJK"); // "BCDF-GHJK"
 */
export function displayUserCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

export type GrantStatus = "pending" | "approved" | "denied" | "used";

export interface GrantState {
  status: GrantStatus;
  expiresAt: Date;
  lastPollAt: Date | null;
  intervalSeconds: number;
}

/** The token endpoint's answer to one poll (RFC 8628 §3.5), or `issue` for a token. */
export type PollOutcome =
  | { answer: "issue" }
  | { answer: "authorization_pending" }
  | { answer: "slow_down"; interval: number }
  | { answer: "access_denied" }
  | { answer: "expired_token" }
  | { answer: "invalid_grant" };

/**
 * What a device's poll at `now` is answered with. A used code is never answered again; a poll
 * sooner than the interval after the previous one is told to slow down, and the interval grows
 * by five seconds for it and all later polls.
 *
 * @example
 * const grant = { status: "pending", expiresAt, lastPollAt: now, intervalSeconds: 5 } as const;
 * pollOutcome(grant, now); // { answer: "slow_down", interval: 10 }
 */
export function pollOutcome(grant: GrantState, now: Date): PollOutcome {
  if (grant.status === "used") return { answer: "invalid_grant" };
  if (now.getTime() >= grant.expiresAt.getTime()) return { answer: "expired_token" };
  if (grant.status === "denied") return { answer: "access_denied" };
  if (grant.status === "approved") return { answer: "issue" };
  const last = grant.lastPollAt?.getTime();
  if (last !== undefined && now.getTime() - last < grant.intervalSeconds * 1000) {
    return { answer: "slow_down", interval: grant.intervalSeconds + SLOW_DOWN_STEP_SECONDS };
  }
  return { answer: "authorization_pending" };
}
