import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decideAttempt,
  delayAfter,
  FORGET_AFTER_SECONDS,
  FREE_FAILURES,
  MAX_DELAY_SECONDS,
  type SignInFailures,
} from "./sign-in-delay.ts";

const now = new Date("2026-12-01T12:00:00.000Z");
const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);

describe("the sign-in delay", () => {
  it("lets the first failures through and then doubles the wait up to fifteen minutes", () => {
    expect([1, 2, 3, 4].map(delayAfter)).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 13, 14, 15, 1000].map(delayAfter)).toEqual([2, 4, 8, 16, 512, 900, 900, 900]);
  });

  it("never shortens the wait as failures grow, and never passes the cap", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (failures) => {
        expect(delayAfter(failures + 1)).toBeGreaterThanOrEqual(delayAfter(failures));
        expect(delayAfter(failures)).toBeLessThanOrEqual(MAX_DELAY_SECONDS);
      }),
    );
  });

  it("refuses an attempt while the wait runs and tells how long is left, rounded up", () => {
    const current: SignInFailures = { failures: 6, lastAttemptAt: now, lockedUntil: later(4) };
    expect(decideAttempt(current, later(1.5))).toEqual({ allowed: false, retryAfterSeconds: 3 });
    expect(decideAttempt(current, later(4))).toMatchObject({ allowed: true, next: { failures: 7 } });
  });

  it("counts an allowed attempt and sets the wait for the next one", () => {
    const current: SignInFailures = { failures: FREE_FAILURES - 1, lastAttemptAt: now, lockedUntil: null };
    expect(decideAttempt(current, later(10))).toEqual({
      allowed: true,
      next: { failures: FREE_FAILURES, lastAttemptAt: later(10), lockedUntil: later(12) },
    });
  });

  it("forgets failures after an hour without attempts", () => {
    const current: SignInFailures = { failures: 40, lastAttemptAt: now, lockedUntil: later(900) };
    expect(decideAttempt(current, later(FORGET_AFTER_SECONDS))).toEqual({
      allowed: true,
      next: { failures: 1, lastAttemptAt: later(FORGET_AFTER_SECONDS), lockedUntil: null },
    });
  });
});
