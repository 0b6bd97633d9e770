/**
 * The structure of a PNG file (ISO/IEC 15948): its chunks in order and the size its header gives.
 * CRCs are not checked; the lengths are, since they decide where every later chunk is read.
 */

/** One chunk, from its length field to the end of its CRC. */
export interface PngChunk {
  type: string;
  start: number;
  end: number;
}

export interface PngFile {
  width: number;
  height: number;
  /** Bits per sample (1, 2, 4, 8 or 16): a 16-bit image takes twice the memory to decode. */
  bitDepth: number;
  /** Where the image ends: after IEND. */
  end: number;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const MAX_LENGTH = 2 ** 31 - 1;

const u32 = (b: Uint8Array, i: number) =>
  ((b[i] ?? 0) * 2 ** 24 + (((b[i + 1] ?? 0) << 16) | ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0))) >>> 0;

/** Chunk types are four ASCII letters. */
const isChunkType = (b: Uint8Array, i: number) =>
  [0, 1, 2, 3].every((k) => {
    const c = (b[i + k] ?? 0) | 0x20;
    return c >= 0x61 && c <= 0x7a;
  });

/**
 * The size of a PNG, or null when it is not a well-formed one: a wrong signature, a first chunk
 * other than a 13-byte IHDR, a zero or out-of-range width or height, a second IHDR, a chunk whose
 * length leaves the data, no IDAT, or no IEND.
 *
 * `onChunk` sees each chunk from IHDR to IEND, in order, as it is read; nothing is kept per chunk,
 * so a file of a million empty chunks costs no memory. Chunks are seen before the file is known to
 * be whole, so a caller uses what it gathered only when the answer is not null.
 *
 * @example
 * readPng(screenshotBytes); // { width: 1170, height: 2532, bitDepth: 8, end: 412090 }
 * readPng(screenshotBytes, (c) => types.push(c.type)); // types: ["IHDR", "sRGB", "IDAT", "IEND"]
 * readPng(pngWithoutIend); // null
 */
export function readPng(bytes: Uint8Array, onChunk?: (chunk: PngChunk) => void): PngFile | null {
  if (bytes.length < 8 || SIGNATURE.some((b, i) => bytes[i] !== b)) return null;
  let first = true;
  let sawImageData = false;
  let i = 8;
  while (i + 12 <= bytes.length) {
    const length = u32(bytes, i);
    if (length > MAX_LENGTH || i + 12 + length > bytes.length || !isChunkType(bytes, i + 4)) return null;
    const type = String.fromCharCode(
      bytes[i + 4] ?? 0,
      bytes[i + 5] ?? 0,
      bytes[i + 6] ?? 0,
      bytes[i + 7] ?? 0,
    );
    if (first !== (type === "IHDR") || (type === "IHDR" && length !== 13)) return null;
    first = false;
    if (type === "IDAT") sawImageData = true;
    onChunk?.({ type, start: i, end: i + 12 + length });
    i += 12 + length;
    if (type === "IEND") {
      const width = u32(bytes, 16);
      const height = u32(bytes, 20);
      const valid = (n: number) => n > 0 && n <= MAX_LENGTH;
      if (!valid(width) || !valid(height) || !sawImageData) return null;
      return { width, height, bitDepth: bytes[24] ?? 8, end: i };
    }
  }
  return null;
}
