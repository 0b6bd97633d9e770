import type { Database } from "../../db/database.ts";
import { toInstant } from "../../db/tables.ts";
import type { Clock } from "../../domain/clock.ts";
import type { Actor } from "../../server/actor.ts";
import { Problem } from "../../server/problem.ts";
import { audit } from "../audit/service.ts";
import { findAppConsent, upsertAppConsent } from "./queries.ts";

/** The version of the app's consent text; a new text means asking again. */
export const APP_CONSENT_VERSION = "2026-11-25";

/**
 * The members app asks the owner once to confirm they register only their own devices (R7);
 * a consent to an older text does not count.
 *
 * @throws Problem `app.consent_required`, with the `textVersion` to confirm
 */
export async function requireAppConsent(database: Database, actor: Actor): Promise<void> {
  const consent = await findAppConsent(database.db, actor.userId);
  if (consent?.text_version === APP_CONSENT_VERSION) return;
  throw new Problem(
    "app.consent_required",
    "Confirm in the app that you register only your own devices (POST /api/v1/app/consent).",
    { textVersion: APP_CONSENT_VERSION },
  );
}

/** Whether the owner has confirmed the app's text, and which version. */
export async function readAppConsent(database: Database, actor: Actor) {
  const row = await findAppConsent(database.db, actor.userId);
  return {
    currentVersion: APP_CONSENT_VERSION,
    confirmed: row ? { textVersion: row.text_version, at: toInstant(row.confirmed_at) } : null,
  };
}

/** Records the owner's consent to the current text, with the audit entry. */
export async function giveAppConsent(database: Database, clock: Clock, actor: Actor) {
  const at = clock.now();
  await database.db.transaction().execute(async (trx) => {
    await upsertAppConsent(trx, actor.userId, APP_CONSENT_VERSION, at.toISOString());
    await audit(trx, {
      actor,
      action: "app.consent",
      ownerId: actor.userId,
      subjectType: "consent",
      subjectId: null,
      detail: { textVersion: APP_CONSENT_VERSION },
      at,
    });
  });
  return { textVersion: APP_CONSENT_VERSION, at: at.toISOString() };
}
