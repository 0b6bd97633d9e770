/**
 * How long a password may be. Plain numbers apart from the strength check (password-strength.ts,
 * which carries zxcvbn's dictionaries), so the web forms say the same limits without loading it.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
