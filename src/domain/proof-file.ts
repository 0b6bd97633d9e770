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

/** A proof file read once: what it is, its picture's size, and the bytes to store. */
export interface ProofFile {
  type: ProofType;
  /** Width and height of a JPEG or PNG, from its structure; null for the other types. */
  size: { width: number; height: number } | null;
  /** The file as it is stored: an image without its metadata, a PDF unchanged. */
  bytes: Uint8Array;
}

const ascii = (bytes: Uint8Array, start: number, length: number) =>
  String.fromCharCode(...bytes.subarray(start, start + length));

/**
 * Reads a proof file in one pass over its structure: its type from its content (or null when it
 * is none of the accepted ones, or a JPEG, PNG or HEIC that is not well-formed), the size of its
 * picture, and its bytes with the metadata taken out. A few bytes of signature in front of
 * something else are refused. The work and the memory it takes grow with the bytes of the file,
 * never with the counts a file claims for itself.
 *
 * @example
 * readProof(new TextEncoder().encode("%PDF-1.7\n…")); // { type: "application/pdf", size: null, bytes: <the same bytes> }
 * readProof(jpegWithExif); // { type: "image/jpeg", size: { width: 640, height: 480 }, bytes: <the JPEG without its APP1> }
 * readProof(new TextEncoder().encode("\xff\xd8\xff<html>…")); // null
 */
export function readProof(bytes: Uint8Array): ProofFile | null {
  if (bytes.length >= 5 && ascii(bytes, 0, 5) === "%PDF-")
    return { type: "application/pdf", size: null, bytes };
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return jpegProof(bytes);
  if (bytes[0] === 0x89 && ascii(bytes, 1, 3) === "PNG") return pngProof(bytes);
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WEBP")
    return { type: "image/webp", size: null, bytes: stripWebp(bytes) };
  if (bytes.length >= 12 && ascii(bytes, 4, 4) === "ftyp") {
    const brands = ascii(bytes, 8, Math.min(32, bytes.length - 8));
    if (!/heic|heix|heim|heis|hevc|hevx|mif1|msf1/.test(brands)) return null;
    const clean = stripHeic(bytes);
    return clean ? { type: "image/heic", size: null, bytes: clean } : null;
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
function setU32le(b: Uint8Array, i: number, n: number) {
  b[i] = n & 0xff;
  b[i + 1] = (n >>> 8) & 0xff;
  b[i + 2] = (n >>> 16) & 0xff;
  b[i + 3] = (n >>> 24) & 0xff;
}

/**
 * Copies the ranges of a file that are kept, in order, into one buffer of the file's size, joining
 * ranges that touch: a file of a million small parts costs one copy, not a million pieces.
 */
function keptRanges(from: Uint8Array) {
  const out = new Uint8Array(from.length);
  let written = 0;
  let start = 0;
  let end = 0;
  const flush = () => {
    out.set(from.subarray(start, end), written);
    written += end - start;
    start = end;
  };
  return {
    /** Where the next kept byte goes in the result. */
    position: () => written + (end - start),
    keep(rangeStart: number, rangeEnd: number) {
      if (rangeStart !== end) {
        flush();
        start = rangeStart;
      }
      end = rangeEnd;
    },
    result(): Uint8Array {
      flush();
      return out.subarray(0, written);
    },
  };
}

/** APP1–APP15 (EXIF, XMP, ICC, IPTC, maker notes …) and COM: nothing in them is needed to draw the image. */
const isJpegMetadata = (marker: number) => (marker >= 0xe1 && marker <= 0xef) || marker === 0xfe;

/**
 * JPEG: keeps the segments that make the image and nothing else: no metadata segment, no fill
 * bytes (which could hide one from a careless reader), no stray standalone marker and nothing
 * after EOI (where phones put further pictures with EXIF of their own).
 */
function jpegProof(bytes: Uint8Array): ProofFile | null {
  const kept = keptRanges(bytes);
  const jpeg = readJpeg(bytes, (s) => {
    if (!isJpegMetadata(s.marker)) kept.keep(s.start, s.end);
  });
  if (!jpeg) return null;
  return { type: "image/jpeg", size: { width: jpeg.width, height: jpeg.height }, bytes: kept.result() };
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
function pngProof(bytes: Uint8Array): ProofFile | null {
  const kept = keptRanges(bytes);
  kept.keep(0, 8);
  // The ancillary bit is bit 5 of a chunk type's first letter (a lower-case letter).
  const critical = (type: string) => (type.charCodeAt(0) & 0x20) === 0;
  const png = readPng(bytes, (c) => {
    if (critical(c.type) || PNG_DISPLAY_CHUNKS.has(c.type)) kept.keep(c.start, c.end);
  });
  if (!png) return null;
  return { type: "image/png", size: { width: png.width, height: png.height }, bytes: kept.result() };
}

/**
 * WebP: drops the EXIF and XMP chunks, clears their flags in the VP8X header (the first chunk, when
 * there is one) and fixes the RIFF size.
 */
function stripWebp(bytes: Uint8Array): Uint8Array {
  const kept = keptRanges(bytes);
  kept.keep(0, 12);
  let flags: number | null = null;
  let i = 12;
  while (i + 8 <= bytes.length) {
    const type = ascii(bytes, i, 4);
    const size = u32le(bytes, i + 4);
    const end = Math.min(i + 8 + size + (size % 2), bytes.length);
    if (type === "VP8X" && i === 12) flags = kept.position() + 8;
    if (type !== "EXIF" && type !== "XMP " && (type !== "VP8X" || i === 12)) kept.keep(i, end);
    i = end;
  }
  const out = kept.result();
  if (flags !== null && flags < out.length) out[flags] = (out[flags] ?? 0) & ~0x0c; // EXIF (0x08) and XMP (0x04)
  setU32le(out, 4, out.length - 8);
  return out;
}

/** A HEIF box: its type, where its payload starts and where it ends. */
type Box = [type: string, payloadStart: number, end: number];

/** The HEIF boxes of a range, one at a time, so that a file of many boxes costs no memory. */
function* boxes(b: Uint8Array, start: number, end: number): Generator<Box> {
  let i = start;
  while (i + 8 <= end) {
    let size = u32(b, i);
    let header = 8;
    if (size === 1) {
      size = u32(b, i + 8) * 2 ** 32 + u32(b, i + 12);
      header = 16;
    } else if (size === 0) size = end - i;
    if (size < header || i + size > end) return;
    yield [ascii(b, i + 4, 4), i + header, i + size];
    i += size;
  }
}

function findBox(b: Uint8Array, start: number, end: number, type: string): Box | undefined {
  for (const box of boxes(b, start, end)) if (box[0] === type) return box;
  return undefined;
}

function readSized(b: Uint8Array, i: number, size: number): number {
  if (size === 0) return 0;
  if (size === 4) return u32(b, i);
  return u32(b, i) * 2 ** 32 + u32(b, i + 4);
}

/** The ids of the Exif items that iinf lists. */
function exifItemIds(b: Uint8Array, iinf: Box | undefined): Set<number> {
  const ids = new Set<number>();
  if (!iinf) return ids;
  const version = b[iinf[1]] ?? 0;
  const first = iinf[1] + 4 + (version === 0 ? 2 : 4);
  for (const [type, start, end] of boxes(b, first, iinf[2])) {
    if (type !== "infe") continue;
    const v = b[start] ?? 0;
    if (v < 2) continue;
    const id = v === 2 ? u16(b, start + 4) : u32(b, start + 4);
    const typeAt = start + 4 + (v === 2 ? 2 : 4) + 2;
    if (typeAt + 4 <= end && ascii(b, typeAt, 4) === "Exif") ids.add(id);
  }
  return ids;
}

/** The sizes iloc allows for its offset, length, base offset and index fields (ISO/IEC 14496-12 8.11.3). */
const isFieldSize = (n: number) => n === 0 || n === 4 || n === 8;

/**
 * HEIC: finds the Exif items (meta → iinf/iloc) and overwrites their bytes with zeros, which
 * removes the metadata without rewriting the offsets of the image data. Null when iloc claims more
 * than the file holds (more items or extents than its bytes can carry, an extent past the end, Exif
 * extents longer together than the file) or places an Exif item where it cannot be found: such a
 * file would otherwise cost minutes to walk, or keep its Exif.
 */
function stripHeic(bytes: Uint8Array): Uint8Array | null {
  const out = bytes.slice();
  const meta = findBox(bytes, 0, bytes.length, "meta");
  if (!meta) return out;
  const payload = meta[1] + 4; // meta is a full box: skip version and flags
  const exifItems = exifItemIds(bytes, findBox(bytes, payload, meta[2], "iinf"));
  const iloc = findBox(bytes, payload, meta[2], "iloc");
  if (!iloc || exifItems.size === 0) return out;
  const idat = findBox(bytes, payload, meta[2], "idat");
  return blankItems(bytes, out, { iloc, items: exifItems, idat }) ? out : null;
}

/**
 * Zeroes in `out` every extent of the given items, as the iloc of `bytes` places them (read from
 * the original, so that blanking an extent never changes what is read next). Each item is checked
 * to fit in the bytes of iloc left before it is read, and its extents likewise, so the work is
 * bounded by the box's size: an extent whose fields take no bytes is one and the same extent
 * however often it is counted, and the bytes blanked are at most the file's.
 */
function blankItems(
  b: Uint8Array,
  out: Uint8Array,
  { iloc: [, start, end], items, idat }: { iloc: Box; items: Set<number>; idat: Box | undefined },
): boolean {
  const version = b[start] ?? 0;
  let i = start + 4;
  if (version > 2 || i + 2 > end) return false;
  const offsetSize = (b[i] ?? 0) >> 4;
  const lengthSize = (b[i] ?? 0) & 15;
  const baseOffsetSize = (b[i + 1] ?? 0) >> 4;
  const indexSize = version >= 1 ? (b[i + 1] ?? 0) & 15 : 0;
  if (![offsetSize, lengthSize, baseOffsetSize, indexSize].every(isFieldSize)) return false;
  i += 2;
  const idSize = version < 2 ? 2 : 4;
  if (i + idSize > end) return false;
  const count = idSize === 2 ? u16(b, i) : u32(b, i);
  i += idSize;
  const itemBytes = idSize + (version >= 1 ? 2 : 0) + 2 + baseOffsetSize + 2;
  const extentBytes = indexSize + offsetSize + lengthSize;
  let blanked = 0;
  for (let n = 0; n < count; n++) {
    if (i + itemBytes > end) return false;
    const id = idSize === 2 ? u16(b, i) : u32(b, i);
    i += idSize;
    const method = version >= 1 ? u16(b, i) & 15 : 0;
    if (version >= 1) i += 2;
    i += 2; // data reference index
    const base = readSized(b, i, baseOffsetSize);
    i += baseOffsetSize;
    const extents = u16(b, i);
    i += 2;
    if (extents * extentBytes > end - i) return false;
    const distinct = extentBytes === 0 ? Math.min(extents, 1) : extents;
    for (let e = 0; e < distinct; e++) {
      i += indexSize;
      const offset = readSized(b, i, offsetSize);
      i += offsetSize;
      const length = readSized(b, i, lengthSize);
      i += lengthSize;
      if (!items.has(id)) continue;
      // Offsets count from the file (method 0) or from the payload of meta's idat (method 1); an
      // item built from another item (method 2) cannot be blanked here, so the file is refused.
      const origin = method === 0 ? 0 : idat?.[1];
      const limit = method === 0 ? out.length : idat?.[2];
      if (method > 1 || origin === undefined || limit === undefined) return false;
      const from = origin + base + offset;
      const to = length === 0 ? limit : from + length; // a length of 0 runs to the container's end
      blanked += to - from;
      if (from > limit || to > limit || blanked > out.length) return false;
      out.fill(0, from, to);
    }
  }
  return true;
}
