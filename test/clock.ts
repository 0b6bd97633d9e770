import type { Clock } from "../src/domain/clock.ts";

/** A clock that stands still until a test moves it. */
export interface ManualClock extends Clock {
  set(instant: Date | string): void;
  advance(milliseconds: number): void;
  advanceDays(days: number): void;
}

/** @example const clock = manualClock("2026-12-01T10:00:00Z"); clock.advanceDays(30); */
export function manualClock(start: Date | string = new Date()): ManualClock {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    set: (instant) => {
      current = new Date(instant).getTime();
    },
    advance: (milliseconds) => {
      current += milliseconds;
    },
    advanceDays: (days) => {
      current += days * 86_400_000;
    },
  };
}
