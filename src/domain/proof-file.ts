import { readJpeg } from "./jpeg-file.ts";
import { readPng } from "./png-file.ts";

/**
 * Proof of purchase files (receipts): what a file really is, judged by its content rather than by
 * its name or the type a browser claims, and images with their metadata (camera, place, time)
 * taken out before they are stored.
 */
export type ProofType = "application/pdf" | "image/jpeg" | "image/png" | "image/webp" | "image/heic";

export const MAX_PROOF_BYTES = 10 * 1024 * 1024;

/**
 * The largest picture accepted as a proof, in pixels: a receipt needs far fewer, and a picture
 * that claims more would take the memory of whoever opens it (the same bound as label photos).
 */
export const MAX_PROOF_PIXELS = 40_000_000;

const ascii = (bytes: Uint8Array, start: number, length: number) =>
  String.fromCharCode(...bytes.subarray(start, start + length));

/**
 * The type of a proof file from its content, or null when it is none of the accepted ones. A JPEG
 * or PNG must also be whole: a few bytes of signature in front of something else are refused.
 *
 * @example
 * sniffProofType(new TextEncoder().encode("%PDF-1.7\n…")); // "application/pdf"
 * sniffProofType(new TextEncoder().encode("\xff\xd8\xff<html>…")); // null
 */
export function sniffProofType(bytes: Uint8Array): ProofType | null {
  if (bytes.length >= 5 && ascii(bytes, 0, 5) === "%PDF-") return "application/pdf";
  if (readJpeg(bytes)) return "image/jpeg";
  if (readPng(bytes)) return "image/png";
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WEBP")
    return "image/webp";
  if (bytes.length >= 12 && ascii(bytes, 4, 4) === "ftyp") {
    const brands = ascii(bytes, 8, Math.min(32, bytes.length - 8));
    if (/heic|heix|heim|heis|hevc|hevx|mif1|msf1/.test(brands)) return "image/heic";
  }
  return null;
}

function u16(b: Uint8Array, i: number) {
  return ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
}
function u32(b: Uint8Array, i: number) {
  return (((b[i] ?? 0) << 24) >>> 0) + (((b[i + 1] ?? 0) << 16) | ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0));
}
function u32le(b: Uint8Array, i: number) {
  return ((b[i] ?? 0) | ((b[i + 1] ?? 0) << 8) | ((b[i + 2] ?? 0) << 16)) + (((b[i + 3] ?? 0) << 24) >>> 0);
}

/** APP1–APP15 (EXIF, XMP, ICC, IPTC, maker notes …) and COM: nothing in them is needed to draw the image. */
const isJpegMetadata = (marker: number) => (marker >= 0xe1 && marker <= 0xef) || marker === 0xfe;

/**
 * JPEG: keeps the segments that make the image and nothing else: no metadata segment, no fill
 * bytes (which could hide one from a careless reader) and nothing after EOI (where phones put
 * further pictures with EXIF of their own).
 */
function stripJpeg(bytes: Uint8Array): Uint8Array {
  const jpeg = readJpeg(bytes);
  if (!jpeg) throw new RangeError("Not a well-formed JPEG: sniff the type first");
  return concat(
    jpeg.segments.filter((s) => !isJpegMetadata(s.marker)).map((s) => bytes.subarray(s.start, s.end)),
  );
}

/**
 * Ancillary PNG chunks that only say how to draw the image (colour, transparency, animation). Every
 * other ancillary chunk goes: text, EXIF and time, and any private chunk whose content is unknown.
 */
const PNG_DISPLAY_CHUNKS = new Set([
  "tRNS",
  "gAMA",
  "cHRM",
  "sRGB",
  "iCCP",
  "sBIT",
  "bKGD",
  "pHYs",
  "acTL",
  "fcTL",
  "fdAT",
]);

/** PNG: keeps the critical chunks and the display ones; nothing after IEND. */
function stripPng(bytes: Uint8Array): Uint8Array {
  const png = readPng(bytes);
  if (!png) throw new RangeError("Not a well-formed PNG: sniff the type first");
  // The ancillary bit is bit 5 of a chunk type's first letter (a lower-case letter).
  const critical = (type: string) => (type.charCodeAt(0) & 0x20) === 0;
  const kept = png.chunks.filter((c) => critical(c.type) || PNG_DISPLAY_CHUNKS.has(c.type));
  return concat([bytes.subarray(0, 8), ...kept.map((c) => bytes.subarray(c.start, c.end))]);
}

/** WebP: drops the EXIF and XMP chunks and clears their flags in the VP8X header. */
function stripWebp(bytes: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  let i = 12;
  while (i + 8 <= bytes.length) {
    const type = ascii(bytes, i, 4);
    const size = u32le(bytes, i + 4);
    const end = i + 8 + size + (size % 2);
    if (type === "VP8X") {
      const chunk = bytes.slice(i, end);
      chunk[8] = (chunk[8] ?? 0) & ~0x0c; // EXIF (0x08) and XMP (0x04) flags
      parts.push(chunk);
    } else if (type !== "EXIF" && type !== "XMP ") {
      parts.push(bytes.subarray(i, end));
    }
    i = end;
  }
  const body = concat(parts);
  const header = new Uint8Array(12);
  header.set(bytes.subarray(0, 12));
  const riffSize = body.length + 4;
  header[4] = riffSize & 0xff;
  header[5] = (riffSize >>> 8) & 0xff;
  header[6] = (riffSize >>> 16) & 0xff;
  header[7] = (riffSize >>> 24) & 0xff;
  return concat([header, body]);
}

/** HEIF boxes of a range: [type, start of payload, end]. */
function boxes(b: Uint8Array, start: number, end: number): [string, number, number][] {
  const out: [string, number, number][] = [];
  let i = start;
  while (i + 8 <= end) {
    let size = u32(b, i);
    let header = 8;
    if (size === 1) {
      size = u32(b, i + 8) * 2 ** 32 + u32(b, i + 12);
      header = 16;
    } else if (size === 0) size = end - i;
    if (size < header || i + size > end) break;
    out.push([ascii(b, i + 4, 4), i + header, i + size]);
    i += size;
  }
  return out;
}

function readSized(b: Uint8Array, i: number, size: number): number {
  if (size === 0) return 0;
  if (size === 2) return u16(b, i);
  if (size === 4) return u32(b, i);
  return u32(b, i) * 2 ** 32 + u32(b, i + 4);
}

/**
 * HEIC: finds the Exif items (meta → iinf/iloc) and overwrites their bytes with zeros, which
 * removes the metadata without rewriting the offsets of the image data.
 */
function stripHeic(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  const meta = boxes(out, 0, out.length).find(([type]) => type === "meta");
  if (!meta) return out;
  const inner = boxes(out, meta[1] + 4, meta[2]); // meta is a full box: skip version and flags
  const exifItems = new Set<number>();
  const iinf = inner.find(([type]) => type === "iinf");
  if (iinf) {
    const version = out[iinf[1]] ?? 0;
    const first = iinf[1] + 4 + (version === 0 ? 2 : 4);
    for (const [type, start, end] of boxes(out, first, iinf[2])) {
      if (type !== "infe") continue;
      const v = out[start] ?? 0;
      if (v < 2) continue;
      const id = v === 2 ? u16(out, start + 4) : u32(out, start + 4);
      const typeAt = start + 4 + (v === 2 ? 2 : 4) + 2;
      if (typeAt + 4 <= end && ascii(out, typeAt, 4) === "Exif") exifItems.add(id);
    }
  }
  const iloc = inner.find(([type]) => type === "iloc");
  if (!iloc || exifItems.size === 0) return out;
  const version = out[iloc[1]] ?? 0;
  let i = iloc[1] + 4;
  const offsetSize = (out[i] ?? 0) >> 4;
  const lengthSize = (out[i] ?? 0) & 15;
  const baseOffsetSize = (out[i + 1] ?? 0) >> 4;
  const indexSize = version >= 1 ? (out[i + 1] ?? 0) & 15 : 0;
  i += 2;
  const count = version < 2 ? u16(out, i) : u32(out, i);
  i += version < 2 ? 2 : 4;
  for (let n = 0; n < count && i < iloc[2]; n++) {
    const id = version < 2 ? u16(out, i) : u32(out, i);
    i += version < 2 ? 2 : 4;
    const method = version >= 1 ? u16(out, i) & 15 : 0;
    if (version >= 1) i += 2;
    i += 2; // data reference index
    const base = readSized(out, i, baseOffsetSize);
    i += baseOffsetSize;
    const extents = u16(out, i);
    i += 2;
    for (let e = 0; e < extents; e++) {
      i += indexSize;
      const offset = readSized(out, i, offsetSize);
      i += offsetSize;
      const length = readSized(out, i, lengthSize);
      i += lengthSize;
      if (exifItems.has(id) && method === 0) {
        const from = base + offset;
        out.fill(0, Math.min(from, out.length), Math.min(from + length, out.length));
      }
    }
  }
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * The file as it is stored: images without their metadata; PDFs unchanged.
 *
 * @example
 * stripProofMetadata(jpegBytes, "image/jpeg") // the JPEG without its EXIF segment
 */
export function stripProofMetadata(bytes: Uint8Array, type: ProofType): Uint8Array {
  switch (type) {
    case "image/jpeg":
      return stripJpeg(bytes);
    case "image/png":
      return stripPng(bytes);
    case "image/webp":
      return stripWebp(bytes);
    case "image/heic":
      return stripHeic(bytes);
    case "application/pdf":
      return bytes;
  }
}
