import { z } from "zod";

/**
 * Control characters (line breaks included), Unicode line and paragraph separators, and the
 * invisible marks that reverse the direction of text: none has a place in a name.
 */
const UNSAFE_CHARACTERS = /[\p{Cc}\p{Zl}\p{Zp}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/u;
/** A web address in a name turns every mail that greets the person into a link to somewhere else. */
const WEB_ADDRESS = /[a-z][a-z0-9+.-]*:\/\/|\bwww\./i;

/**
 * A person's name as they write it: 1–100 characters after trimming, on one line, without
 * control characters or web addresses. Mails greet people by this name. Shared with the web client.
 *
 * @example
 * personNameSchema.parse("  Åse Ødegård "); // "Åse Ødegård"
 * personNameSchema.safeParse("Ada\nhttps://example.net").success; // false
 */
export const personNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((name) => !UNSAFE_CHARACTERS.test(name), "no line breaks or control characters")
  .refine((name) => !WEB_ADDRESS.test(name), "no web addresses");
