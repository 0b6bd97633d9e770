import type { Database } from "../../db/database.ts";
import { toBool, toInstant } from "../../db/tables.ts";
import type { Clock } from "../../domain/clock.ts";
import {
  ACCEPTANCES,
  CONSENT_PURPOSES,
  type ConsentEvent,
  type ConsentPurpose,
  changesAnswer,
  consentStates,
  hasConsent,
  TEXT_VERSIONS,
} from "../../domain/consent.ts";
import type { Actor } from "../../server/actor.ts";
import { authorize } from "../../server/policy.ts";
import { Problem } from "../../server/problem.ts";
import { audit } from "../audit/service.ts";
import { accountExists, consentEventsOf, insertConsentEvents, latestConsentEvent } from "./queries.ts";

/** How many of an owner's answers the history shows, newest first. */
const HISTORY_LENGTH = 100;

function asEvent(row: { purpose: string; given: boolean | number; text_version: string; at: Date | string }) {
  return {
    purpose: row.purpose,
    given: toBool(row.given),
    textVersion: row.text_version,
    at: new Date(toInstant(row.at)),
  };
}

/** Each purpose's latest answer: one index probe each, however long the history. */
async function latestEvents(database: Database, ownerId: string): Promise<ConsentEvent[]> {
  const rows = await Promise.all(CONSENT_PURPOSES.map((p) => latestConsentEvent(database.db, ownerId, p)));
  return rows.filter((r) => r !== undefined).map(asEvent);
}

/** Whether the owner consents to `purpose` under the text in force (what depends on it asks each time). */
export async function consents(database: Database, ownerId: string, purpose: ConsentPurpose) {
  const row = await latestConsentEvent(database.db, ownerId, purpose);
  return hasConsent(row ? [asEvent(row)] : [], purpose);
}

/** The latest answer to one purpose, whatever its text version, or null when there is none. */
export async function latestAnswer(database: Database, ownerId: string, purpose: ConsentPurpose) {
  const row = await latestConsentEvent(database.db, ownerId, purpose);
  return row ? asEvent(row) : null;
}

/**
 * Each purpose's state for an owner, for a caller that has checked who may read it (the customer
 * record checks `customer.read`).
 */
export async function consentStatesOf(database: Database, ownerId: string) {
  return consentStates(await latestEvents(database, ownerId)).map((s) => ({
    purpose: s.purpose,
    given: s.given,
    currentVersion: s.currentVersion,
    askAgain: s.askAgain,
    answeredAt: s.latest ? s.latest.at.toISOString() : null,
  }));
}

/** The owner's answers: each purpose's state with its text version, and the latest changes. */
export async function consentOverview(database: Database, actor: Actor, ownerId: string) {
  authorize(actor, { kind: "consent.read", ownerId });
  const [purposes, history] = await Promise.all([
    consentStatesOf(database, ownerId),
    consentEventsOf(database.db, ownerId, HISTORY_LENGTH),
  ]);
  return {
    purposes,
    history: history.map((row) => ({
      purpose: row.purpose,
      given: toBool(row.given),
      textVersion: row.text_version,
      source: row.source,
      at: toInstant(row.at),
    })),
  };
}

/**
 * Gives or withdraws one consent, for the text the owner was shown. Withdrawing is the same call as
 * giving. The same answer again adds nothing to the history; a change is an event and an audit line.
 *
 * @throws Problem `consent.text_outdated` when the owner answered an earlier text (with the
 *   version in force, to show and ask again)
 */
export async function answerConsent(
  database: Database,
  clock: Clock,
  actor: Actor,
  purpose: ConsentPurpose,
  answer: { given: boolean; textVersion: string },
  source: "web" | "app" = actor.client === "app" ? "app" : "web",
): Promise<void> {
  authorize(actor, { kind: "consent.answer", ownerId: actor.userId });
  const currentVersion = TEXT_VERSIONS[purpose];
  if (answer.textVersion !== currentVersion) {
    throw new Problem(
      "consent.text_outdated",
      "The text you answered has changed. Read the new text and answer again.",
      { currentVersion },
    );
  }
  await database.db.transaction().execute(async (trx) => {
    const row = await latestConsentEvent(trx, actor.userId, purpose);
    const latest = row ? asEvent(row) : null;
    if (!changesAnswer(latest ? [latest] : [], purpose, answer.given, currentVersion)) return;
    // Each answer is later than the one before, so the latest is never in doubt (two within a millisecond).
    const now = clock.now();
    const at = latest && latest.at >= now ? new Date(latest.at.getTime() + 1) : now;
    await insertConsentEvents(trx, [
      { ownerId: actor.userId, purpose, given: answer.given, textVersion: currentVersion, source, at },
    ]);
    await audit(trx, {
      actor,
      action: answer.given ? "consent.given" : "consent.withdrawn",
      ownerId: actor.userId,
      subjectType: "consent",
      subjectId: null,
      detail: { purpose, textVersion: currentVersion, source },
      at,
    });
  });
}

/** What a new account answered at sign-up: the terms and privacy notice, and the two optional consents. */
export interface SignUpAnswers {
  recommendations: boolean;
  marketingMail: boolean;
}

/**
 * Records what a new account accepted and answered at sign-up, in force at `at`: the versions of
 * the terms and the privacy notice, and a refusal too where the owner left a box unticked (so a
 * later change reads plainly). Does nothing for an id with no account behind it (a sign-up for an
 * address that has one is answered with an id of none).
 */
export async function recordSignUp(database: Database, userId: string, answers: SignUpAnswers, at: Date) {
  if (!(await accountExists(database.db, userId))) return;
  await insertConsentEvents(database.db, [
    ...ACCEPTANCES.map((purpose) => ({
      ownerId: userId,
      purpose,
      given: true,
      textVersion: TEXT_VERSIONS[purpose],
      source: "sign-up" as const,
      at,
    })),
    {
      ownerId: userId,
      purpose: "recommendations",
      given: answers.recommendations,
      textVersion: TEXT_VERSIONS.recommendations,
      source: "sign-up",
      at,
    },
    {
      ownerId: userId,
      purpose: "marketing-mail",
      given: answers.marketingMail,
      textVersion: TEXT_VERSIONS["marketing-mail"],
      source: "sign-up",
      at,
    },
  ]);
}

/** The versions of the texts in force, for the sign-up form and the privacy page. */
export function textVersions() {
  return { ...TEXT_VERSIONS };
}
