/**
 * What a scanned label payload means (DESIGN R5, B2): a GS1 Digital Link URI or GS1 element
 * string carrying the product's GTIN and serial, a smart-home pairing code that must never be
 * taken for a registration code, a bare serial or IMEI, or nothing we can use.
 *
 * Only the scanner's text is read here; whether the category accepts registration by QR code, and
 * whether the serial exists, is decided by the caller.
 */

import { isValidGtin, toGtin14 } from "./gtin.ts";

/**
 * One reading of a label. `gs1.gtin` is always a GTIN-14; `gs1.serial` is AI 21 exactly as
 * encoded (GS1 serials are case-sensitive); `plain.value` is upper-case without spaces or hyphens.
 */
export type LabelReading =
  | { kind: "gs1"; gtin: string; serial: string | null; source: "digital-link" | "element-string" }
  | { kind: "pairing"; platform: PairingPlatform }
  | { kind: "plain"; value: string }
  | { kind: "unknown"; reason: "empty" | "garbage" | "bad-gtin" | "too-long" };

/** "smart-home" is our own platform's code; "matter" the Matter onboarding payload printed beside it. */
export type PairingPlatform = "smart-home" | "matter";

/** Longer payloads are refused unread: no label of ours comes near, and parsing stays cheap. */
export const MAX_LABEL_LENGTH = 512;

const GS = "\u001d";

/**
 * Our smart-home platform's pairing payload, in two spellings that carry the same data:
 *
 * - compact, for a small QR code in alphanumeric mode: `SH:<version>:<device id>:<setup code>`,
 *   e.g. `SH:1:K3QF7ZC2MA:40213377` (version 1; device id in base32; setup code of 8 digits);
 * - as a URI that opens the smart-home app when read by a phone's camera:
 *   `smarthome://pair?v=<version>&id=<device id>&code=<setup code>`.
 *
 * Neither carries the serial. The prefix alone decides (`SH:` or the `smarthome:` scheme, in any
 * case, as are Matter's `MT:` payloads), even when the rest is malformed, because the one thing
 * that matters is never to read a pairing code as a registration code.
 */
const SMART_HOME_PAIRING = /^(?:SH:|smarthome:)/i;
const MATTER_PAIRING = /^MT:/i;

// ISO/IEC 15424 symbology identifier ("]" + symbology + modifier) that some scanners prepend.
const SYMBOLOGY_ID = /^\][A-Za-z][0-9A-Za-z]/;
// The GS1 flavours: GS1-128, GS1 DataBar, GS1 DataMatrix, GS1 QR Code, GS1 DotCode. Their data
// is an element string even when no separator follows.
const GS1_SYMBOLOGIES = new Set(["]C1", "]e0", "]d2", "]Q3", "]J1"]);

const URI_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
// GS1 AI encodable character set 82: what AI 21 and the other alphanumeric AIs may hold.
const CSET_82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]+$/;
const DIGITS = /^\d+$/;
const PLAIN = /^[A-Z0-9 -]+$/;

// The AI's own length, known from its first two digits (GS1 General Specifications, 3.2).
// Prefixes not listed have no AI assigned, so a string using one is not GS1.
const AI_LENGTH = new Map<string, number>();
for (const prefix of [
  "00",
  "01",
  "02",
  "03",
  "04",
  "10",
  "11",
  "12",
  "13",
  "14",
  "15",
  "16",
  "17",
  "18",
  "19",
]) {
  AI_LENGTH.set(prefix, 2);
}
for (const prefix of [
  "20",
  "21",
  "22",
  "30",
  "37",
  "90",
  "91",
  "92",
  "93",
  "94",
  "95",
  "96",
  "97",
  "98",
  "99",
]) {
  AI_LENGTH.set(prefix, 2);
}
for (const prefix of ["23", "24", "25", "40", "41", "42", "71"]) AI_LENGTH.set(prefix, 3);
for (const prefix of ["31", "32", "33", "34", "35", "36", "39", "43", "70", "72", "80", "81", "82"]) {
  AI_LENGTH.set(prefix, 4);
}

// Element strings whose total length (AI included) is predefined by their first two digits: the
// only ones a raw element string may run into the next AI without a separator. All are numeric.
const PREDEFINED_LENGTH = new Map<string, number>([
  ["00", 20],
  ["01", 16],
  ["02", 16],
  ["03", 16],
  ["04", 18],
  ["11", 8],
  ["12", 8],
  ["13", 8],
  ["14", 8],
  ["15", 8],
  ["16", 8],
  ["17", 8],
  ["18", 8],
  ["19", 8],
  ["20", 4],
  ["31", 10],
  ["32", 10],
  ["33", 10],
  ["34", 10],
  ["35", 10],
  ["36", 10],
  ["41", 16],
]);

// Batch/lot, serial and consumer product variant hold at most 20 characters; 90 is the largest
// any other AI allows.
const VARIABLE_MAX_LENGTH = new Map<string, number>([
  ["10", 20],
  ["21", 20],
  ["22", 20],
]);

type Fields = Map<string, string>;

const EMPTY: LabelReading = { kind: "unknown", reason: "empty" };
const GARBAGE: LabelReading = { kind: "unknown", reason: "garbage" };
const BAD_GTIN: LabelReading = { kind: "unknown", reason: "bad-gtin" };

function isKnownAi(ai: string): boolean {
  return DIGITS.test(ai) && AI_LENGTH.get(ai.slice(0, 2)) === ai.length;
}

function isValidValue(ai: string, value: string): boolean {
  const predefined = PREDEFINED_LENGTH.get(ai.slice(0, 2));
  if (predefined !== undefined) return value.length === predefined - ai.length && DIGITS.test(value);
  return value.length <= (VARIABLE_MAX_LENGTH.get(ai) ?? 90) && CSET_82.test(value);
}

/** Adds one field; false for an invalid value or a repeated AI, which would make the label ambiguous. */
function addField(fields: Fields, ai: string, value: string): boolean {
  if (fields.has(ai) || !isValidValue(ai, value)) return false;
  fields.set(ai, value);
  return true;
}

/** A raw element string: FNC1 transmitted as GS ends each variable-length field. */
function readRawElements(text: string): Fields | null {
  const fields: Fields = new Map();
  let at = 0;
  while (at < text.length) {
    // A GS in first position is FNC1 itself; after a predefined-length field it is redundant.
    if (text[at] === GS) {
      at++;
      continue;
    }
    const aiLength = AI_LENGTH.get(text.slice(at, at + 2));
    if (aiLength === undefined) return null;
    const ai = text.slice(at, at + aiLength);
    if (!isKnownAi(ai)) return null;
    at += aiLength;
    const predefined = PREDEFINED_LENGTH.get(ai.slice(0, 2));
    let end: number;
    if (predefined !== undefined) {
      end = at + predefined - aiLength;
    } else {
      const separator = text.indexOf(GS, at);
      end = separator === -1 ? text.length : separator;
    }
    if (end > text.length || !addField(fields, ai, text.slice(at, end))) return null;
    at = end;
  }
  return fields;
}

/** The human-readable form, `(01)09506000134352(21)ABC123`, spaces between fields tolerated. */
function readParenthesisedElements(text: string): Fields | null {
  const fields: Fields = new Map();
  const pattern = /\((\d{2,4})\)/g;
  const markers = [...text.matchAll(pattern)];
  if (markers.length === 0 || markers[0]?.index !== 0) return null;
  for (const [i, marker] of markers.entries()) {
    const ai = marker[1] ?? "";
    const from = marker.index + marker[0].length;
    const to = markers[i + 1]?.index ?? text.length;
    if (!isKnownAi(ai) || !addField(fields, ai, text.slice(from, to).trim())) return null;
  }
  return fields;
}

function fromFields(fields: Fields | null): LabelReading {
  const gtin = fields?.get("01");
  if (fields === null || gtin === undefined) return GARBAGE;
  if (!isValidGtin(gtin)) return BAD_GTIN;
  return { kind: "gs1", gtin, serial: fields.get("21") ?? null, source: "element-string" };
}

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * A GS1 Digital Link URI: any host, any path before the primary key `/01/<GTIN>`, then pairs of
 * AI and value (key qualifiers `/22/`, `/10/`, `/21/`, in any order). Query and fragment carry
 * data attributes we do not need.
 */
function readDigitalLink(text: string): LabelReading {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return GARBAGE;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return GARBAGE;
  const segments = url.pathname.split("/").filter((segment) => segment !== "");
  // The first "01" followed by digits and then whole AI/value pairs is the primary key; an
  // earlier "01" belongs to the custom path.
  const keyAt = segments.findIndex(
    (segment, i) =>
      segment === "01" &&
      DIGITS.test(segments[i + 1] ?? "") &&
      (segments.length - i) % 2 === 0 &&
      segments.every((ai, j) => j <= i + 1 || (j - i) % 2 === 1 || isKnownAi(ai)),
  );
  if (keyAt === -1) return GARBAGE;
  const gtin = segments[keyAt + 1] ?? "";
  if (!isValidGtin(gtin)) return BAD_GTIN;
  const qualifiers: Fields = new Map();
  for (let j = keyAt + 2; j < segments.length; j += 2) {
    const value = decodeSegment(segments[j + 1] ?? "");
    if (value === null || !addField(qualifiers, segments[j] ?? "", value)) return GARBAGE;
  }
  return { kind: "gs1", gtin: toGtin14(gtin), serial: qualifiers.get("21") ?? null, source: "digital-link" };
}

function readPlain(text: string): LabelReading {
  // Code 39 readers may pass its start/stop character through.
  const unwrapped = text.length >= 2 && text.startsWith("*") && text.endsWith("*") ? text.slice(1, -1) : text;
  if (!PLAIN.test(unwrapped)) return GARBAGE;
  const value = unwrapped.replace(/[ -]/g, "");
  return value === "" ? GARBAGE : { kind: "plain", value };
}

/**
 * Reads the text a camera or barcode scanner produced from a product label.
 *
 * Recognised, in this order:
 * 1. a smart-home pairing code (`SH:…`, `smarthome://…`, Matter `MT:…`): `pairing`;
 * 2. a GS1 Digital Link URI (`https://<host>/<path>/01/<GTIN>/…/21/<serial>`): `gs1`, the GTIN of
 *    8, 12, 13 or 14 digits widened to 14, the serial percent-decoded; any other URI is garbage;
 * 3. a GS1 element string with AI 01 (and usually AI 21), raw with GS (ASCII 29) separators, after
 *    a GS1 symbology identifier such as `]d2`, or in parentheses: `gs1`;
 * 4. a bare serial or IMEI (upper-case letters, digits, spaces, hyphens; Code 39 `*…*` unwrapped):
 *    `plain`, without spaces or hyphens.
 * A GTIN whose check digit is wrong is `bad-gtin`; anything else is `garbage`.
 *
 * @example
 * ```ts
 * parseLabel("https://id.example.com/01/9506000134352/21/ABC%2F12?src=box");
 * // { kind: "gs1", gtin: "09506000134352", serial: "ABC/12", source: "digital-link" }
 * parseLabel("]d2010950600013435217271231\u001d21ABC123");
 * // { kind: "gs1", gtin: "09506000134352", serial: "ABC123", source: "element-string" }
 * parseLabel("MT:Y.K9042C00KA0648G00"); // { kind: "pairing", platform: "matter" }
 * parseLabel(" *R58M-12AB CDE* "); // { kind: "plain", value: "R58M12ABCDE" }
 * ```
 */
export function parseLabel(text: string): LabelReading {
  if (text.length > MAX_LABEL_LENGTH) return { kind: "unknown", reason: "too-long" };
  let payload = text.trim();
  let gs1Symbology = false;
  const symbology = SYMBOLOGY_ID.exec(payload)?.[0];
  if (symbology !== undefined) {
    gs1Symbology = GS1_SYMBOLOGIES.has(symbology);
    payload = payload.slice(symbology.length);
  }
  if (payload === "") return EMPTY;

  if (SMART_HOME_PAIRING.test(payload)) return { kind: "pairing", platform: "smart-home" };
  if (MATTER_PAIRING.test(payload)) return { kind: "pairing", platform: "matter" };
  if (URI_SCHEME.test(payload)) return readDigitalLink(payload);
  if (gs1Symbology || payload.includes(GS)) return fromFields(readRawElements(payload));
  if (payload.startsWith("(")) return fromFields(readParenthesisedElements(payload));

  // Keyboard-wedge scanners often drop both the symbology identifier and the GS separators. A
  // serial (11 or 15 characters), an IMEI (15) or an IMEISV (16) is never longer than 16, so a
  // longer text that opens with AI 01 and parses as element strings is read as one.
  if (payload.length > 16 && /^01\d{14}/.test(payload)) {
    const reading = fromFields(readRawElements(payload));
    if (reading !== GARBAGE) return reading;
  }
  return readPlain(payload);
}
