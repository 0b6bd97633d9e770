import type { FastifyRequest } from "fastify";
import { Problem } from "./problem.ts";

/**
 * Whether a parsed value holds a NUL character in any string or key. PostgreSQL cannot store
 * one in text, and no field of ours means it, so it is refused before any route sees it. The walk
 * is iterative: a deeply nested body costs its size, never the stack.
 *
 * @example
 * holdsNul({ serial: "RK3\u0000" }); // true
 */
export function holdsNul(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    if (typeof next === "string") {
      if (next.includes("\u0000")) return true;
    } else if (Array.isArray(next)) {
      for (const item of next) stack.push(item);
    } else if (isPlainObject(next)) {
      for (const [key, item] of Object.entries(next)) {
        if (key.includes("\u0000")) return true;
        stack.push(item);
      }
    }
  }
  return false;
}

/**
 * Parsed JSON, form fields, params and query (some of these have prototypes of their own), but
 * not a streamed body (NDJSON), whose lines are checked where they are read, nor raw bytes.
 */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || ArrayBuffer.isView(value)) return false;
  return typeof (value as { pipe?: unknown }).pipe !== "function";
}

export const nulCharacter = () =>
  new Problem("request.nul_character", "The request contains a NUL character, which no field accepts.");

/** The one place that refuses NUL characters in the path, the query and the body. */
export async function refuseNulCharacters(request: FastifyRequest): Promise<void> {
  if (holdsNul(request.params) || holdsNul(request.query) || holdsNul(request.body)) throw nulCharacter();
}
