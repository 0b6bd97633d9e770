/** Failed sign-ins an account may have before each further attempt has to wait. */
export const FREE_FAILURES = 5;
/** The first wait; each further failure doubles it. */
export const FIRST_DELAY_SECONDS = 2;
/** The longest wait: a person is never kept out for long, however many guesses were made. */
export const MAX_DELAY_SECONDS = 15 * 60;
/** Failures are forgotten when no attempt was made for this long (longer than the longest wait). */
export const FORGET_AFTER_SECONDS = 60 * 60;

/** What is kept per account between attempts. */
export interface SignInFailures {
  failures: number;
  lastAttemptAt: Date;
  lockedUntil: Date | null;
}

export type AttemptDecision =
  | { allowed: true; next: SignInFailures }
  | { allowed: false; retryAfterSeconds: number };

/**
 * How long the next attempt waits after `failures` failed sign-ins: nothing for the free ones,
 * then doubling from {@link FIRST_DELAY_SECONDS} up to {@link MAX_DELAY_SECONDS}.
 *
 * @example
 * delayAfter(4); // 0
 * delayAfter(5); // 2
 * delayAfter(7); // 8
 * delayAfter(100); // 900
 */
export function delayAfter(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(FIRST_DELAY_SECONDS * 2 ** (failures - FREE_FAILURES), MAX_DELAY_SECONDS);
}

/**
 * Decides whether a sign-in attempt may check its password. An allowed attempt is counted as a
 * failure as it starts (a success then clears the count), so that attempts running at the same
 * time cannot all slip through on one count. A refused attempt changes nothing.
 *
 * @example
 * const now = new Date("2026-12-01T12:00:00Z");
 * decideAttempt(null, now); // { allowed: true, next: { failures: 1, lastAttemptAt: now, lockedUntil: null } }
 * decideAttempt({ failures: 5, lastAttemptAt: now, lockedUntil: new Date(now.getTime() + 2000) }, now);
 * // { allowed: false, retryAfterSeconds: 2 }
 */
export function decideAttempt(current: SignInFailures | null, now: Date): AttemptDecision {
  if (current?.lockedUntil && now < current.lockedUntil) {
    const retryAfterSeconds = Math.max(1, Math.ceil((current.lockedUntil.getTime() - now.getTime()) / 1000));
    return { allowed: false, retryAfterSeconds };
  }
  const forgotten =
    !current || now.getTime() - current.lastAttemptAt.getTime() >= FORGET_AFTER_SECONDS * 1000;
  const failures = forgotten ? 1 : current.failures + 1;
  const delay = delayAfter(failures);
  return {
    allowed: true,
    next: {
      failures,
      lastAttemptAt: now,
      lockedUntil: delay > 0 ? new Date(now.getTime() + delay * 1000) : null,
    },
  };
}
