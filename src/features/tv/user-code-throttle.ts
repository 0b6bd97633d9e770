import type { Clock } from "../../domain/clock.ts";
import { Problem } from "../../server/problem.ts";

/** Who typed a user code: the signed-in account and the client address (a /64 for IPv6). */
export interface Caller {
  account: string;
  address: string;
}

/**
 * Wrong user codes allowed per account and per client address in one window. An owner who
 * mistypes the code on the TV a few times stays well inside; a guesser gets about 1,000 tries a
 * day per account instead of the 43,000 the look-up limit alone would leave (RFC 8628 §5.1).
 */
export const WRONG_USER_CODES = { perAccount: 10, perAddress: 20, windowMs: 15 * 60_000 };

/**
 * Counts wrong user codes per account and per address in fixed windows, on the clock the services
 * use. Counts live in this process, as the look-up limits do; each instance behind a load
 * balancer counts on its own, which still bounds a guesser.
 */
export function userCodeThrottle(clock: Clock, limits = WRONG_USER_CODES) {
  let windowStart = clock.now().getTime();
  let misses = new Map<string, number>();
  const keys = (caller: Caller) =>
    [
      [`account:${caller.account}`, limits.perAccount],
      [`address:${caller.address}`, limits.perAddress],
    ] as const;
  const roll = () => {
    const now = clock.now().getTime();
    if (now - windowStart >= limits.windowMs) {
      windowStart = now;
      misses = new Map();
    }
    return now;
  };
  return {
    /** Refuses a caller with too many wrong codes in this window, before the code is looked up. */
    check(caller: Caller): void {
      const now = roll();
      if (keys(caller).some(([key, max]) => (misses.get(key) ?? 0) >= max)) {
        throw new Problem("request.rate_limited", "Too many wrong codes. Wait a while and try again.", {
          retryAfter: Math.ceil((windowStart + limits.windowMs - now) / 1000),
        });
      }
    },
    /** Counts one wrong (unknown, used or expired) code. */
    miss(caller: Caller): void {
      roll();
      for (const [key] of keys(caller)) misses.set(key, (misses.get(key) ?? 0) + 1);
    },
  };
}

export type UserCodeThrottle = ReturnType<typeof userCodeThrottle>;
