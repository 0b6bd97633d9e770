import { z } from "zod";

/**
 * What a name is written with: letters and combining marks of any script, the space, and the
 * punctuation names use (. , ' ’ - &). Everything else is out, so no digits, slashes, colons or
 * `@`, no full-width or ideographic punctuation, no control, invisible or direction marks: a name
 * cannot carry an address, a link or a line of its own into a mail that greets the person.
 */
const NAME_CHARACTERS = /^[\p{L}\p{M} .,'’&-]+$/u;
/** A name has at least one letter; punctuation alone is no name. */
const LETTER = /\p{L}/u;
/**
 * A web address in a name turns every mail that greets the person into a link to somewhere else:
 * `www.` or a dot between words ("evil-portal.example"), which initials ("J.R.R. Tolkien") are not.
 */
const WEB_ADDRESS = /\bwww\.|\p{L}\.\p{L}{2}/iu;

/**
 * A person's name as they write it: 1–100 characters after trimming, of letters, spaces and name
 * punctuation (see NAME_CHARACTERS), without web addresses. Mails greet people by this name.
 * Shared with the web client.
 *
 * @example
 * personNameSchema.parse("  Åse Ødegård "); // "Åse Ødegård"
 * personNameSchema.safeParse("Ada\nhttps://example.net").success; // false
 * personNameSchema.safeParse("Ada2").success; // false
 */
export const personNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((name) => NAME_CHARACTERS.test(name) && LETTER.test(name), "only letters, spaces and . , ' ’ - &")
  .refine((name) => !WEB_ADDRESS.test(name), "no web addresses");

/** Who is signed in, as the web app reads it at start. */
export const sessionSchema = z.object({
  user: z
    .object({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      role: z.enum(["customer", "agent", "reviewer", "editor", "admin"]),
      locale: z.enum(["nb", "en"]),
      emailVerified: z.boolean(),
    })
    .nullable(),
  csrfToken: z
    .string()
    .nullable()
    .meta({ description: "Send as `x-csrf-token` on cookie-authenticated writes." }),
});
export type SessionInfo = z.infer<typeof sessionSchema>;
