/**
 * Consent per purpose. An owner's answers are an append-only history: each answer is an event
 * (given or refused, the version of the text answered, when). The latest event of a purpose is the
 * owner's answer; it counts as consent only when it was given to the text in force, so a new text
 * asks again. Nothing is consented to by default.
 */

/** The consents an owner gives and withdraws as they like. */
export const CONSENT_PURPOSES = ["recommendations", "marketing-mail", "app-own-devices"] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** What is accepted once, at sign-up, to have an account. */
export const ACCEPTANCES = ["terms", "privacy-notice"] as const;
export type Acceptance = (typeof ACCEPTANCES)[number];

/**
 * The version of each text in force. A new wording gets a new version: answers to the old one stop
 * counting, and the owner is asked again.
 */
export const TEXT_VERSIONS: Readonly<Record<ConsentPurpose | Acceptance, string>> = {
  recommendations: "2026-12-03",
  "marketing-mail": "2026-12-03",
  "app-own-devices": "2026-11-25",
  terms: "2026-12-03",
  "privacy-notice": "2026-12-03",
};

export interface ConsentEvent {
  purpose: string;
  given: boolean;
  textVersion: string;
  at: Date;
}

export interface ConsentState {
  purpose: ConsentPurpose;
  /** Consent to the text in force. */
  given: boolean;
  currentVersion: string;
  /** The owner's latest answer, if any, whatever its version. */
  latest: { given: boolean; textVersion: string; at: Date } | null;
  /** Consent was given to an earlier text: the owner is asked again. */
  askAgain: boolean;
}

export function isConsentPurpose(value: string): value is ConsentPurpose {
  return (CONSENT_PURPOSES as readonly string[]).includes(value);
}

/**
 * Each purpose's state from an owner's events, in any order.
 *
 * @example
 * consentStates([{ purpose: "recommendations", given: true, textVersion: "2026-12-03", at }])
 *   .find((s) => s.purpose === "recommendations")?.given; // true
 */
export function consentStates(events: readonly ConsentEvent[]): ConsentState[] {
  return CONSENT_PURPOSES.map((purpose) => {
    const latest = latestOf(events, purpose);
    const currentVersion = TEXT_VERSIONS[purpose];
    const current = latest !== null && latest.textVersion === currentVersion;
    return {
      purpose,
      given: current && latest.given,
      currentVersion,
      latest: latest && { given: latest.given, textVersion: latest.textVersion, at: latest.at },
      askAgain: latest !== null && latest.given && !current,
    };
  });
}

/** Whether the events amount to consent to the text in force for `purpose`. */
export function hasConsent(events: readonly ConsentEvent[], purpose: ConsentPurpose): boolean {
  const latest = latestOf(events, purpose);
  return latest !== null && latest.given && latest.textVersion === TEXT_VERSIONS[purpose];
}

/**
 * Whether an answer changes anything: the same answer to the same text again adds no event, so
 * the history holds changes only.
 */
export function changesAnswer(
  events: readonly ConsentEvent[],
  purpose: ConsentPurpose,
  given: boolean,
  textVersion: string,
): boolean {
  const latest = latestOf(events, purpose);
  return latest === null || latest.given !== given || latest.textVersion !== textVersion;
}

function latestOf(events: readonly ConsentEvent[], purpose: string): ConsentEvent | null {
  let latest: ConsentEvent | null = null;
  for (const event of events) {
    if (event.purpose !== purpose) continue;
    if (latest === null || event.at.getTime() >= latest.at.getTime()) latest = event;
  }
  return latest;
}
