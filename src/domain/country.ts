/**
 * The countries an owner's address may be in: where the portal sells. Plain data, so that the web
 * app lists them without loading the server's schemas.
 *
 * @example
 * COUNTRIES.includes("NO"); // true
 */
export const COUNTRIES = ["NO", "SE", "DK", "FI"] as const;
export type Country = (typeof COUNTRIES)[number];
