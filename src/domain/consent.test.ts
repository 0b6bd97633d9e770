import { describe, expect, it } from "vitest";
import { type ConsentEvent, changesAnswer, consentStates, hasConsent, TEXT_VERSIONS } from "./consent.ts";

const at = (day: number) => new Date(Date.UTC(2026, 11, day));
const event = (purpose: string, given: boolean, day: number, textVersion?: string): ConsentEvent => ({
  purpose,
  given,
  textVersion: textVersion ?? TEXT_VERSIONS[purpose as keyof typeof TEXT_VERSIONS],
  at: at(day),
});

describe("consent per purpose", () => {
  it("gives nothing by default", () => {
    const states = consentStates([]);
    expect(states.map((s) => s.purpose)).toEqual(["recommendations", "marketing-mail", "app-own-devices"]);
    expect(states.every((s) => !s.given && s.latest === null && !s.askAgain)).toBe(true);
  });

  it("takes the latest answer, in whatever order the events come", () => {
    const events = [event("recommendations", false, 5), event("recommendations", true, 3)];
    expect(hasConsent(events, "recommendations")).toBe(false);
    expect(hasConsent([...events, event("recommendations", true, 6)], "recommendations")).toBe(true);
    expect(hasConsent(events, "marketing-mail")).toBe(false);
  });

  it("does not count consent to an earlier text, and asks again", () => {
    const old = [event("marketing-mail", true, 2, "2020-01-01")];
    expect(hasConsent(old, "marketing-mail")).toBe(false);
    const state = consentStates(old).find((s) => s.purpose === "marketing-mail");
    expect(state).toMatchObject({ given: false, askAgain: true, latest: { textVersion: "2020-01-01" } });
    // A refusal of an earlier text is not a question to ask again.
    const refused = consentStates([event("marketing-mail", false, 2, "2020-01-01")]);
    expect(refused.find((s) => s.purpose === "marketing-mail")?.askAgain).toBe(false);
  });

  it("adds an event only for a change of answer or of text", () => {
    const events = [event("recommendations", true, 3)];
    expect(changesAnswer(events, "recommendations", true, TEXT_VERSIONS.recommendations)).toBe(false);
    expect(changesAnswer(events, "recommendations", false, TEXT_VERSIONS.recommendations)).toBe(true);
    expect(changesAnswer(events, "recommendations", true, "2027-01-01")).toBe(true);
    expect(changesAnswer([], "recommendations", false, TEXT_VERSIONS.recommendations)).toBe(true);
  });
});
