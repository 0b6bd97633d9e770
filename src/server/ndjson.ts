import type { Readable } from "node:stream";
import type { z } from "zod";
import { holdsNul } from "./input-guard.ts";
import { Problem } from "./problem.ts";

/** Limits of one streamed NDJSON body. */
export interface NdjsonLimits {
  /** The longest line, in bytes (without its newline). */
  maxLineBytes: number;
  /** The whole body, in bytes. */
  maxBytes: number;
}

/** A unit, a confirmation: a few hundred bytes. A line of 64 KiB is no record of ours. */
export const NDJSON_LIMITS: NdjsonLimits = { maxLineBytes: 64 * 1024, maxBytes: 512 * 1024 * 1024 };

export const lineTooLong = (limits: NdjsonLimits, line: number) =>
  new Problem("request.line_too_long", `Line ${line} is longer than ${limits.maxLineBytes} bytes.`, {
    line,
    maxLineBytes: limits.maxLineBytes,
  });

export const bodyTooLarge = (limits: NdjsonLimits) =>
  new Problem("request.too_large", `The request body is larger than ${limits.maxBytes} bytes.`, {
    maxBytes: limits.maxBytes,
  });

const NEWLINE = 0x0a;
const CR = 0x0d;

/**
 * The lines of a streamed NDJSON body, as they arrive, with a bounded line length and body size:
 * memory stays at one line however the body is shaped. A CRLF counts as a newline. A stream that
 * breaks (the client went away) ends in a 400, never in an exception outside the request.
 *
 * @example
 * for await (const line of ndjsonLines(request.body as Readable)) JSON.parse(line);
 */
export async function* ndjsonLines(
  body: Readable,
  limits: NdjsonLimits = NDJSON_LIMITS,
): AsyncGenerator<string> {
  if (typeof (body as Partial<Readable> | undefined)?.[Symbol.asyncIterator] !== "function") {
    throw new Problem("request.media_type", "Send the body as application/x-ndjson, one record per line.");
  }
  const decoder = new TextDecoder("utf-8", { fatal: false });
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let total = 0;
  let line = 0;
  const take = (last: Buffer) => {
    const whole = pending.length === 0 ? last : Buffer.concat([...pending, last]);
    pending = [];
    pendingBytes = 0;
    const end = whole.length > 0 && whole[whole.length - 1] === CR ? whole.length - 1 : whole.length;
    return decoder.decode(whole.subarray(0, end));
  };
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > limits.maxBytes) throw bodyTooLarge(limits);
      let start = 0;
      for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, start)) {
        line++;
        if (pendingBytes + (at - start) > limits.maxLineBytes + 1) throw lineTooLong(limits, line);
        yield take(chunk.subarray(start, at));
        start = at + 1;
      }
      if (start < chunk.length) {
        const rest = chunk.subarray(start);
        pendingBytes += rest.length;
        if (pendingBytes > limits.maxLineBytes + 1) throw lineTooLong(limits, line + 1);
        pending.push(rest);
      }
    }
  } catch (error) {
    if (error instanceof Problem) throw error;
    throw new Problem("request.stream_broken", "The request body broke off before its end.");
  }
  if (pendingBytes > 0) {
    line++;
    yield take(Buffer.alloc(0));
  }
}

/**
 * One line of a bulk NDJSON import read against its schema: the value, or why the line cannot be
 * used (not JSON, a NUL character, what the schema says), so the import reports the line and goes on.
 *
 * @example
 * const read = readNdjsonLine(line, confirmationSchema);
 * if (!read.ok) reject(read.reason);
 */
export function readNdjsonLine<S extends z.ZodType>(
  raw: string,
  schema: S,
): { ok: true; value: z.infer<S> } | { ok: false; reason: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { ok: false, reason: "not valid JSON" };
  }
  if (holdsNul(parsed)) return { ok: false, reason: "contains a NUL character" };
  const input = schema.safeParse(parsed);
  if (!input.success) {
    return {
      ok: false,
      reason: input.error.issues.map((i) => `${i.path.join(".") || "line"}: ${i.message}`).join("; "),
    };
  }
  return { ok: true, value: input.data };
}
