import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The browser that signed up (or that signed in with the right password before confirming) holds a
 * mark of the address; opening the confirmation link there signs the owner in at once. Opened
 * anywhere else, the link confirms the address and the owner signs in with their password, so
 * someone who signed up with another person's address cannot have that person confirm their way
 * into an account whose password the signer-up knows.
 */
export const SIGN_UP_COOKIE = "portal_signup";
/** As long as a confirmation link works (auth.ts `emailVerification.expiresIn`). */
const MARK_SECONDS = 60 * 60 * 24;

/** @example signUpMark("secret", "Ola@Example.com") === signUpMark("secret", "ola@example.com") // true */
export function signUpMark(secret: string, email: string): string {
  return createHmac("sha256", secret).update(`sign-up:${email.trim().toLowerCase()}`).digest("base64url");
}

/** The Set-Cookie header that gives this browser the mark of `email`. */
export function markCookie(secret: string, email: string, secure: boolean): string {
  return `${SIGN_UP_COOKIE}=${signUpMark(secret, email)}; Path=/api/auth; Max-Age=${MARK_SECONDS}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

/** The Set-Cookie header that takes the mark away once it has served. */
export function clearedMarkCookie(secure: boolean): string {
  return `${SIGN_UP_COOKIE}=; Path=/api/auth; Max-Age=0; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

/** Whether the mark a browser sent is that of `email`. */
export function holdsMark(secret: string, email: string, sent: string | undefined): boolean {
  if (!sent) return false;
  const expected = Buffer.from(signUpMark(secret, email));
  const given = Buffer.from(sent);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
