/**
 * Image files built byte by byte, for tests of what a reader makes of their structure: sizes no
 * encoder would write, fill bytes, hidden segments, missing ends. They are not meant to decode.
 */

export const u16 = (n: number) => [(n >>> 8) & 255, n & 255];
export const u32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
export const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
export const bytes = (...parts: (number[] | Uint8Array)[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

/** A JPEG marker segment: FF, the marker, the length and the payload. */
export const segment = (marker: number, payload: number[] = []) => [
  0xff,
  marker,
  ...u16(payload.length + 2),
  ...payload,
];

/** A baseline frame header (SOF0) of one component. */
export const frameHeader = (width: number, height: number, marker = 0xc0) =>
  segment(marker, [8, ...u16(height), ...u16(width), 1, 1, 0x11, 0]);

/** A scan header of one component followed by a little entropy-coded data. */
export const scan = (data: number[] = [0x12, 0x34, 0xff, 0x00, 0x56]) => [
  ...segment(0xda, [1, 1, 0, 0, 63, 0]),
  ...data,
];

export const SOI = [0xff, 0xd8];
export const EOI = [0xff, 0xd9];

/** A whole JPEG: SOI, the segments given (a frame header and a scan by default), EOI. */
export function jpeg(width: number, height: number, before: number[][] = []): Uint8Array {
  return bytes(SOI, ...before, frameHeader(width, height), scan(), EOI);
}

/** A PNG chunk with a zero CRC (readers here do not check CRCs). */
export const chunk = (type: string, data: number[] = []) => [
  ...u32(data.length),
  ...ascii(type),
  ...data,
  0,
  0,
  0,
  0,
];

export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export const ihdr = (width: number, height: number, bitDepth = 8) =>
  chunk("IHDR", [...u32(width), ...u32(height), bitDepth, 0, 0, 0, 0]);

/** A whole PNG: signature, IHDR, the chunks given, one IDAT, IEND. */
export function png(width: number, height: number, extra: number[][] = []): Uint8Array {
  return bytes(
    PNG_SIGNATURE,
    ihdr(width, height),
    ...extra,
    chunk("IDAT", [0x78, 0x9c, 3, 0]),
    chunk("IEND"),
  );
}
