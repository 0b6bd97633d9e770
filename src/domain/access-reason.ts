/**
 * Why someone on staff opens an owner's records (issue 14). Inside an open case (a claim not
 * decided, a repair under way, a transfer asked for, or a claim or repair that ended in the last
 * `CASE_DAYS_AFTER_CLOSE` days) the case is the reason; a search that shows
 * the owner is one too. Outside them staff choose one of the given reasons, "other" with a note.
 */
export const GIVEN_REASONS = ["owner-contact", "follow-up", "misuse-check", "other"] as const;
export type GivenReason = (typeof GIVEN_REASONS)[number];

/** The reasons a line of the access log can give: the given ones, an open case or a search. */
export type AccessReason = GivenReason | "open-case" | "search";

/** What was looked at: the owner is shown this as a sentence of its own. */
export const ACCESS_SUBJECTS = [
  "customer",
  "product",
  "claims",
  "claim",
  "claim-file",
  "repairs",
  "repair",
  "repair-photo",
  "repair-options",
  "repair-centres",
  "transfer",
  "search",
] as const;
export type AccessSubject = (typeof ACCESS_SUBJECTS)[number];

/** How long a given reason opens the owner's records to the one who gave it. */
export const REASON_HOURS = 2;

export const NOTE_MAX = 300;

/** The longest note staff leave for each other on a customer's record (never shown to the owner). */
export const STAFF_NOTE_MAX = 2000;

/** How long a claim or repair stays the case after it ends: the owner's questions about it follow. */
export const CASE_DAYS_AFTER_CLOSE = 14;

/** @example caseClosedSince(new Date("2026-12-15T00:00:00Z")).toISOString() // "2026-12-01T00:00:00.000Z" */
export function caseClosedSince(at: Date): Date {
  return new Date(at.getTime() - CASE_DAYS_AFTER_CLOSE * 86_400_000);
}

/** @example reasonExpiry(new Date("2026-12-03T10:00:00Z")).toISOString() // "2026-12-03T12:00:00.000Z" */
export function reasonExpiry(givenAt: Date): Date {
  return new Date(givenAt.getTime() + REASON_HOURS * 3_600_000);
}

/** The minute a look falls in: the looks of one page (or its reload) within it are one line. */
export function lookMinute(at: Date): number {
  return Math.floor(at.getTime() / 60_000);
}

/**
 * A note as it is kept: trimmed, inner runs of white space as one space; null when empty.
 *
 * @example tidyNote("  called   about\nthe fridge ") // "called about the fridge"
 */
export function tidyNote(note: string | null | undefined): string | null {
  const tidy = (note ?? "").replace(/\s+/g, " ").trim();
  return tidy === "" ? null : tidy;
}

/** @example needsNote("other") // true */
export function needsNote(reason: GivenReason): boolean {
  return reason === "other";
}
