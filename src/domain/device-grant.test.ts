import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  displayUserCode,
  type GrantState,
  type GrantStatus,
  newUserCode,
  normalizeUserCode,
  pollOutcome,
  SLOW_DOWN_STEP_SECONDS,
  USER_CODE_ALPHABET,
  USER_CODE_LENGTH,
} from "./device-grant.ts";

const at = (seconds: number) => new Date(Date.UTC(2026, 11, 1, 10) + seconds * 1000);
const grant = (overrides: Partial<GrantState> = {}): GrantState => ({
  status: "pending",
  expiresAt: at(600),
  lastPollAt: null,
  intervalSeconds: 5,
  ...overrides,
});

describe("user codes", () => {
  it("are eight consonants, shown in two groups of four and read back whatever the owner typed", () => {
    fc.assert(
      fc.property(fc.infiniteStream(fc.nat()), (stream) => {
        const numbers = stream[Symbol.iterator]();
        const code = newUserCode((n) => (numbers.next().value as number) % n);
        expect(code).toHaveLength(USER_CODE_LENGTH);
        expect([...code].every((c) => USER_CODE_ALPHABET.includes(c))).toBe(true);
        expect(displayUserCode(code)).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
        expect(normalizeUserCode(displayUserCode(code).toLowerCase())).toBe(code);
        expect(normalizeUserCode(` ${code.slice(0, 3)} ${code.slice(3)} `)).toBe(code);
      }),
    );
  });

  it("never holds a vowel, so no code spells a word", () => {
    expect(USER_CODE_ALPHABET).not.toMatch(/[AEIOUY]/);
  });
});

describe("pollOutcome", () => {
  it("answers authorization_pending to the first poll of an undecided grant", () => {
    expect(pollOutcome(grant(), at(0))).toEqual({ answer: "authorization_pending" });
  });

  it("tells a device that polls within the interval to slow down by five more seconds", () => {
    expect(pollOutcome(grant({ lastPollAt: at(0) }), at(4))).toEqual({ answer: "slow_down", interval: 10 });
    expect(pollOutcome(grant({ lastPollAt: at(0), intervalSeconds: 10 }), at(9))).toEqual({
      answer: "slow_down",
      interval: 15,
    });
    expect(pollOutcome(grant({ lastPollAt: at(0) }), at(5))).toEqual({ answer: "authorization_pending" });
  });

  it("issues a token once the owner agreed, and answers access_denied once the owner refused", () => {
    expect(pollOutcome(grant({ status: "approved" }), at(1))).toEqual({ answer: "issue" });
    expect(pollOutcome(grant({ status: "denied" }), at(1))).toEqual({ answer: "access_denied" });
  });

  it("answers expired_token from the expiry on, whatever the owner decided", () => {
    for (const status of ["pending", "approved", "denied"] as const) {
      expect(pollOutcome(grant({ status }), at(600))).toEqual({ answer: "expired_token" });
    }
  });

  it("never answers a used code with anything but invalid_grant", () => {
    expect(pollOutcome(grant({ status: "used" }), at(1))).toEqual({ answer: "invalid_grant" });
    expect(pollOutcome(grant({ status: "used" }), at(9999))).toEqual({ answer: "invalid_grant" });
  });

  it("issues only for an approved grant before its expiry, and only ever raises the interval by the step", () => {
    const statuses: GrantStatus[] = ["pending", "approved", "denied", "used"];
    fc.assert(
      fc.property(
        fc.constantFrom(...statuses),
        fc.integer({ min: 0, max: 1200 }),
        fc.option(fc.integer({ min: 0, max: 1200 }), { nil: null }),
        fc.integer({ min: 1, max: 60 }),
        (status, now, lastPoll, interval) => {
          const state = grant({
            status,
            lastPollAt: lastPoll === null ? null : at(Math.min(lastPoll, now)),
            intervalSeconds: interval,
          });
          const outcome = pollOutcome(state, at(now));
          if (outcome.answer === "issue") expect(status === "approved" && now < 600).toBe(true);
          if (outcome.answer === "slow_down") {
            expect(outcome.interval).toBe(interval + SLOW_DOWN_STEP_SECONDS);
            expect(status).toBe("pending");
          }
        },
      ),
    );
  });
});
