import type { Locale, MessageKey, MessageValues } from "../messages/catalog.ts";
import { ApiError } from "./api.ts";
import { problemValues } from "./registration/problem-text.ts";

type Translate = (key: MessageKey, values?: MessageValues) => string;

/** A refusal as the web knows it: the status, the code and the members of the problem document. */
export interface ShownProblem {
  status: number;
  code: string;
  [member: string]: unknown;
}

/**
 * The sentence for an answer whose code has none (an older web app meeting a newer server), by
 * status: a refusal is never shown as a fault of ours. Anything else (5xx) is one.
 */
export const STATUS_SENTENCES = {
  0: "error.network",
  401: "error.auth.required",
  403: "error.auth.forbidden",
  404: "error.route.not_found",
  409: "error.status.409",
  422: "error.status.422",
  429: "error.request.rate_limited",
} as const satisfies Record<number, MessageKey>;

/** @example statusSentence(403) // "error.auth.forbidden" */
export function statusSentence(status: number): MessageKey {
  if (Object.hasOwn(STATUS_SENTENCES, status))
    return STATUS_SENTENCES[status as keyof typeof STATUS_SENTENCES];
  // Another refusal (400, 408, 413, 415, …): what was sent cannot be used as it is.
  if (status >= 400 && status < 500) return STATUS_SENTENCES[422];
  return "error.server.error";
}

function isShownProblem(value: unknown): value is ShownProblem {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ShownProblem).status === "number" &&
    typeof (value as ShownProblem).code === "string"
  );
}

function shown(failure: unknown): ShownProblem {
  if (failure instanceof ApiError) return { ...failure.body, status: failure.status, code: failure.code };
  if (isShownProblem(failure)) return failure;
  return { status: 0, code: "network" };
}

/**
 * The one way the web app words an error for its reader: the sentence of the problem's code
 * (`error.<code>`, with the values the problem document carries), or the sentence of its status
 * when the code has none here (a code the catalogs do not know, or one whose sentence is in the
 * part of the catalogs not fetched yet: scripts/precompiled-messages.ts). The problem's `detail`
 * is for developers and is never shown.
 *
 * @param failure - what a call to `api()` threw (an `ApiError`, or anything else for a network
 *   failure), or a problem found here in the browser
 * @param part - one of several problems the document lists (`problems` of a registration),
 *   worded with the members of the whole document as well
 * @example setError(problemMessage(t, locale, e));
 */
export function problemMessage(
  t: Translate,
  locale: Locale,
  failure: unknown,
  part?: { code: string; [member: string]: unknown },
): string {
  const problem = shown(failure);
  const code = part?.code ?? problem.code;
  // Every code of the catalogue has a sentence in both languages (src/messages/error-catalogue.test.ts);
  // a message the catalogs lack reads as "".
  try {
    const sentence = t(`error.${code}` as MessageKey, problemValues(locale, { ...problem, ...part, code }));
    return sentence === "" ? t(statusSentence(problem.status)) : sentence;
  } catch {
    // A sentence whose values the document did not carry: the status still says what happened.
    return t(statusSentence(problem.status));
  }
}
