import { api } from "./api.ts";

/** An answer older than this is fetched again: a page shows what is true when it opens. */
const FRESH_MS = 10_000;

interface Early {
  answer: Promise<unknown>;
  at: number;
  /** Set once the answer arrived, so that a page can render with it at once. */
  arrived?: { value: unknown };
}
const started = new Map<string, Early>();

/**
 * Starts a GET whose answer a page is about to want, before React gets to render that page (on
 * a slow phone the page's code, the session and the page's own reads then travel side by side
 * instead of one after the other). The page takes the answer with `arrived` or `readOnce`.
 */
export function prefetch<T>(path: string): Promise<T> {
  const answer = api<T>("GET", path);
  const early: Early = { answer, at: Date.now() };
  answer.then(
    (value) => {
      early.arrived = { value };
    },
    // Whoever takes it handles a failure; this only keeps it from being reported as unhandled.
    () => {},
  );
  started.set(path, early);
  return answer;
}

function take(path: string): Early | undefined {
  const early = started.get(path);
  started.delete(path);
  return early && Date.now() - early.at < FRESH_MS ? early : undefined;
}

/** The answer of a GET `prefetch` started recently, taken once, if it has arrived already. */
export function arrived<T>(path: string): T | undefined {
  const early = started.get(path);
  if (!early?.arrived) return undefined;
  return take(path)?.arrived?.value as T | undefined;
}

/** The answer of a GET `prefetch` started recently, taken once; otherwise the GET itself. */
export function readOnce<T>(path: string): Promise<T> {
  return (take(path)?.answer as Promise<T> | undefined) ?? api<T>("GET", path);
}
