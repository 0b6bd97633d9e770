/**
 * Where the time comes from. Services take a clock instead of calling `new Date()`, so that tests
 * move time forward without rewriting rows.
 *
 * @example
 * const clock: Clock = systemClock;
 * clock.now().toISOString(); // "2026-12-01T09:24:02.000Z"
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
