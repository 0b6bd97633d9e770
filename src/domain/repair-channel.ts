/**
 * How a product gets to a service centre, and which postcodes a centre serves. Norwegian postcodes
 * are four digits; a centre serves ranges of them ("0001-1299") or single ones ("9170").
 */

export const REPAIR_CHANNELS = ["pickup", "drop-off", "technician", "mail-in"] as const;
export type RepairChannel = (typeof REPAIR_CHANNELS)[number];

/** The channels for which the owner names a time window: someone comes to the door. */
export function channelNeedsTimeWindow(channel: RepairChannel): boolean {
  return channel === "pickup" || channel === "technician";
}

export const TIME_WINDOWS = ["morning", "afternoon", "evening", "any"] as const;
export type TimeWindow = (typeof TIME_WINDOWS)[number];

const POSTCODE = /^\d{4}$/;

/** @example isPostcode("0150"); // true; isPostcode("150"); // false */
export function isPostcode(text: string): boolean {
  return POSTCODE.test(text);
}

export interface PostcodeRange {
  from: string;
  to: string;
}

/**
 * Reads "0001-1299" or "9170" as a range; null when it is neither or runs backwards.
 *
 * @example parsePostcodeRange("0001-1299"); // { from: "0001", to: "1299" }
 * @example parsePostcodeRange("9170"); // { from: "9170", to: "9170" }
 * @example parsePostcodeRange("1299-0001"); // null
 */
export function parsePostcodeRange(text: string): PostcodeRange | null {
  const [from, to = from, ...rest] = text.trim().split("-");
  if (rest.length > 0 || from === undefined || to === undefined || !isPostcode(from) || !isPostcode(to))
    return null;
  return from <= to ? { from, to } : null;
}

/** @example postcodeInRange("0150", { from: "0001", to: "1299" }); // true */
export function postcodeInRange(postcode: string, range: PostcodeRange): boolean {
  return postcode >= range.from && postcode <= range.to;
}
