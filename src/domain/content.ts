import { MAX_PROOF_PIXELS, readProof } from "./proof-file.ts";

/**
 * What staff write for owners (announcements, the top message, the FAQ): the rules a text, a
 * schedule, a link and an image must meet before they are stored. Pure: the content service
 * turns each finding into its error code.
 */

export const CONTENT_LANGUAGES = ["nb", "en"] as const;
export type ContentLanguage = (typeof CONTENT_LANGUAGES)[number];

/** The same words in both languages. */
export type InBoth = Record<ContentLanguage, string>;

/** The largest image an editor may upload: an announcement's picture needs far less. */
export const MAX_CONTENT_IMAGE_BYTES = 5 * 1024 * 1024;

/**
 * The languages in which a required text is blank (nothing but spaces counts as blank), in the
 * order nb, en.
 *
 * @example
 * blankLanguages({ nb: "Hei", en: "  " }); // ["en"]
 */
export function blankLanguages(...texts: InBoth[]): ContentLanguage[] {
  return CONTENT_LANGUAGES.filter((language) => texts.some((text) => text[language].trim() === ""));
}

/**
 * Whether a schedule runs forwards: the end strictly after the start.
 *
 * @example
 * isScheduleInOrder("2026-12-01T00:00:00Z", "2026-12-24T00:00:00Z"); // true
 * isScheduleInOrder("2026-12-24T00:00:00Z", "2026-12-01T00:00:00Z"); // false
 */
export function isScheduleInOrder(startsAt: string, endsAt: string): boolean {
  return new Date(endsAt).getTime() > new Date(startsAt).getTime();
}

/** The years a schedule may name: both databases store and sort any instant in them alike. */
export const SCHEDULE_YEARS = { first: 2000, last: 2100 } as const;
/** How long one item may run, from its start: so that far-off ends do not pile up in what is current. */
export const MAX_SCHEDULE_YEARS = 2;

/**
 * Whether a schedule stays inside the years 2000–2100 (of its instants in UTC) and ends at most
 * two years after its start. Its order is `isScheduleInOrder`'s to judge.
 *
 * @example
 * isScheduleInRange("2026-12-01T00:00:00Z", "2027-06-01T00:00:00Z"); // true
 * isScheduleInRange("0000-01-01T00:00:00+01:00", "2026-12-01T00:00:00Z"); // false
 * isScheduleInRange("2026-01-01T00:00:00Z", "2036-01-01T00:00:00Z"); // false: ten years
 */
export function isScheduleInRange(startsAt: string, endsAt: string): boolean {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const inYears = (at: Date) =>
    !Number.isNaN(at.getTime()) &&
    at.getUTCFullYear() >= SCHEDULE_YEARS.first &&
    at.getUTCFullYear() <= SCHEDULE_YEARS.last;
  if (!inYears(start) || !inYears(end)) return false;
  const latestEnd = new Date(start.getTime());
  latestEnd.setUTCFullYear(latestEnd.getUTCFullYear() + MAX_SCHEDULE_YEARS);
  return end.getTime() <= latestEnd.getTime();
}

/**
 * A control character (C0, DEL, C1), an invisible format character (zero-width, bidi controls)
 * or any space or line break: browsers drop some of them from an address, and none belongs in one.
 */
const CONTROL_OR_SPACE = /[\p{Cc}\p{Cf}\p{Z}\s]/u;

/**
 * Whether a link may be shown to owners: a page of the portal (`/support`, never `//host` or
 * `/\host`) or an https address. Nothing that could run script (`javascript:`) or leave
 * unencrypted, and no control character or whitespace anywhere: browsers strip a tab or a newline,
 * so `/\t/evil.com` would become `//evil.com`.
 *
 * @example
 * isAllowedLink("/support"); // true
 * isAllowedLink("https://example.com/offer"); // true
 * isAllowedLink("javascript:alert(1)"); // false
 * isAllowedLink("/\t/evil.com"); // false
 */
export function isAllowedLink(url: string): boolean {
  if (CONTROL_OR_SPACE.test(url)) return false;
  if (url.startsWith("/")) return !url.startsWith("//") && !url.includes("\\");
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" && parsed.hostname !== "";
  } catch {
    return false;
  }
}

export type ContentImageType = "image/png" | "image/jpeg" | "image/webp";

/** An image judged by its content: what it is, its size when known, and its bytes without metadata. */
export interface ContentImage {
  type: ContentImageType;
  size: { width: number; height: number } | null;
  bytes: Uint8Array;
}

/**
 * Reads an uploaded picture by its content (never its name or claimed type): a well-formed PNG or
 * JPEG, or a WebP, with its metadata taken out; null for anything else (a PDF, a HEIC, a page
 * dressed up as an image) and for a picture of more pixels than a proof may have.
 *
 * @example
 * readContentImage(pngBytes); // { type: "image/png", size: { width: 1, height: 1 }, bytes: … }
 * readContentImage(new TextEncoder().encode("<svg/>")); // null
 */
export function readContentImage(bytes: Uint8Array): ContentImage | null {
  const file = readProof(bytes);
  if (!file) return null;
  if (file.type !== "image/png" && file.type !== "image/jpeg" && file.type !== "image/webp") return null;
  if (file.size && file.size.width * file.size.height > MAX_PROOF_PIXELS) return null;
  return { type: file.type, size: file.size, bytes: file.bytes };
}
