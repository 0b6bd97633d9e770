import type { Database } from "../../db/database.ts";
import type { Clock } from "../../domain/clock.ts";
import { TEXT_VERSIONS } from "../../domain/consent.ts";
import type { Actor } from "../../server/actor.ts";
import { Problem } from "../../server/problem.ts";
import { answerConsent, consents, latestAnswer } from "../consents/service.ts";

/** The version of the app's consent text; a new text means asking again. */
export const APP_CONSENT_VERSION = TEXT_VERSIONS["app-own-devices"];

/**
 * The members app asks the owner to confirm they register only their own devices (R7): one of the
 * owner's consents, so withdrawing it on the privacy page makes the app ask again; a consent to an
 * older text does not count.
 *
 * @throws Problem `app.consent_required`, with the `textVersion` to confirm
 */
export async function requireAppConsent(database: Database, actor: Actor): Promise<void> {
  if (await consents(database, actor.userId, "app-own-devices")) return;
  throw new Problem(
    "app.consent_required",
    "Confirm in the app that you register only your own devices (POST /api/v1/app/consent).",
    { textVersion: APP_CONSENT_VERSION },
  );
}

/** Whether the owner has confirmed the app's text (and not withdrawn it since), and which version. */
export async function readAppConsent(database: Database, actor: Actor) {
  const latest = await latestAnswer(database, actor.userId, "app-own-devices");
  return {
    currentVersion: APP_CONSENT_VERSION,
    confirmed:
      latest?.given === true ? { textVersion: latest.textVersion, at: latest.at.toISOString() } : null,
  };
}

/** Records the owner's consent to the current text, from the app (with the audit entry). */
export async function giveAppConsent(database: Database, clock: Clock, actor: Actor) {
  await answerConsent(
    database,
    clock,
    actor,
    "app-own-devices",
    { given: true, textVersion: APP_CONSENT_VERSION },
    "app",
  );
  const latest = await latestAnswer(database, actor.userId, "app-own-devices");
  return { textVersion: APP_CONSENT_VERSION, at: (latest?.at ?? clock.now()).toISOString() };
}
