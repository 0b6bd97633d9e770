import { describe, expect, it } from "vitest";
import { ascii, chunk, frameHeader, ihdr, PNG_SIGNATURE, scan, u16, u32 } from "../../test/image-bytes.ts";
import { imageSize } from "./image-size.ts";
import { readProof } from "./proof-file.ts";

/**
 * Files built to make a reader of proofs spend the server's time or memory: counts that promise far
 * more than the bytes hold, and millions of tiny parts. Each must be read in a time and a memory
 * that grow with its bytes, never with what it claims.
 */

const MB = 1024 * 1024;
const EXIF_ID = 1;

const box = (type: string, payload: number[]) => [...u32(8 + payload.length), ...ascii(type), ...payload];
const ftyp = box("ftyp", [...ascii("heic"), 0, 0, 0, 0, ...ascii("mif1")]);
const exifInfe = box("infe", [2, 0, 0, 0, ...u16(EXIF_ID), ...u16(0), ...ascii("Exif"), 0]);
const iinf = box("iinf", [0, 0, 0, 0, ...u16(1), ...exifInfe]);

/** Parts joined into one file, without a JavaScript array per byte (the probe's files are 10 MB). */
function join(...parts: (number[] | Uint8Array)[]): Uint8Array {
  const file = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    file.set(part, at);
    at += part.length;
  }
  return file;
}

/**
 * A HEIC: ftyp, then meta holding iinf (one item of type Exif), an iloc of the given version with
 * the given payload (after its version and flags), and any further boxes of meta.
 */
function heicWithIloc(
  version: number,
  ilocPayload: number[] | Uint8Array,
  inMeta: number[] = [],
): Uint8Array {
  const ilocSize = 12 + ilocPayload.length;
  const metaSize = 12 + iinf.length + ilocSize + inMeta.length;
  return join(
    ftyp,
    [...u32(metaSize), ...ascii("meta"), 0, 0, 0, 0],
    iinf,
    [...u32(ilocSize), ...ascii("iloc"), version, 0, 0, 0],
    ilocPayload,
    inMeta,
  );
}

/**
 * The probe's file: an iloc of version 2 whose every size field is 0, listing items of 10 bytes
 * (id, construction method, data reference, extent count) that each claim 65,535 extents.
 */
function zeroSizedExtents(totalBytes: number, itemId: (n: number) => number): Uint8Array {
  const head = ftyp.length + 12 + iinf.length + 12 + 2 + 4;
  const items = Math.floor((totalBytes - head) / 10);
  const payload = new Uint8Array(2 + 4 + items * 10);
  payload.set([0, 0, ...u32(items)]);
  for (let n = 0; n < items; n++) payload.set([...u32(itemId(n)), 0, 0, 0, 0, 0xff, 0xff], 6 + n * 10);
  return heicWithIloc(2, payload);
}

function timed<T>(work: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = work();
  return { result, ms: performance.now() - started };
}

describe("a HEIC whose iloc claims more than it holds", () => {
  it.each([
    [100_000, "100 KB"],
    [10 * MB, "10 MB"],
  ])("reads the probe's %s file (%s) in well under 100 ms, not seconds or minutes", (size) => {
    const noExif = zeroSizedExtents(size, (n) => n + 2);
    const { result, ms } = timed(() => readProof(noExif));
    expect(ms).toBeLessThan(100);
    expect(result?.type).toBe("image/heic");
    expect(Buffer.from(result?.bytes ?? []).equals(Buffer.from(noExif))).toBe(true);
  });

  it("refuses the probe's file when every item is the Exif item, since together they would be larger than the file", () => {
    const file = zeroSizedExtents(10 * MB, () => EXIF_ID);
    const { result, ms } = timed(() => readProof(file));
    expect(ms).toBeLessThan(100);
    expect(result).toBeNull();
  });

  it.each([
    ["four billion items in a few bytes", 2, [0x44, 0, ...u32(0xffff_ffff), ...u32(EXIF_ID), 0, 0, 0, 0]],
    [
      "65,535 extents of 8 bytes in 8 bytes",
      1,
      [0x44, 0, ...u16(1), ...u16(EXIF_ID), 0, 0, 0, 0, 0xff, 0xff, ...u32(0), ...u32(4)],
    ],
    [
      "an Exif extent past the end of the file",
      0,
      [0x44, 0, ...u16(1), ...u16(EXIF_ID), 0, 0, ...u16(1), ...u32(10 * MB), ...u32(4)],
    ],
    ["an offset field of 3 bytes, which iloc does not have", 0, [0x34, 0, ...u16(0)]],
    ["an iloc version that does not exist", 3, [0x44, 0, ...u32(0)]],
    [
      "an Exif item built from another item",
      1,
      [0x44, 0, ...u16(1), ...u16(EXIF_ID), 0, 2, 0, 0, ...u16(1), ...u32(0), ...u32(4)],
    ],
  ])("refuses %s", (_name, version, payload) => {
    expect(readProof(heicWithIloc(version, payload))).toBeNull();
  });

  it("blanks an Exif item kept in meta's idat (construction method 1)", () => {
    const secret = ascii("Exif\0\0MM\0*GPS-63N");
    const iloc = [
      0x44,
      0,
      ...u16(1),
      ...u16(EXIF_ID),
      0,
      1,
      0,
      0,
      ...u16(1),
      ...u32(0),
      ...u32(secret.length),
    ];
    const clean = readProof(heicWithIloc(1, iloc, box("idat", secret)));
    expect(clean?.type).toBe("image/heic");
    expect(Buffer.from(clean?.bytes ?? []).includes("GPS-63N")).toBe(false);
  });
});

describe("files of millions of tiny parts", () => {
  /** `count` copies of `part` between a head and a tail, built without a JavaScript array per byte. */
  function repeated(head: number[], part: number[], tail: number[], totalBytes: number): Uint8Array {
    const count = Math.floor((totalBytes - head.length - tail.length) / part.length);
    const file = new Uint8Array(head.length + count * part.length + tail.length);
    file.set(head);
    for (let n = 0; n < count; n++) file.set(part, head.length + n * part.length);
    file.set(tail, head.length + count * part.length);
    return file;
  }

  /** What reading costs: the time, and how much the heap grew while the result is still held. */
  function cost<T>(work: () => T) {
    const before = process.memoryUsage().heapUsed;
    const { result, ms } = timed(work);
    return { result, ms, heapMB: (process.memoryUsage().heapUsed - before) / MB };
  }

  const jpegTail = [...frameHeader(8, 8), ...scan(), 0xff, 0xd9];
  const standalone = () => repeated([0xff, 0xd8], [0xff, 0xd0], jpegTail, 10 * MB);

  it("reads a 10 MB JPEG of five million standalone markers quickly and in bounded memory", () => {
    const file = standalone();
    const { result, ms, heapMB } = cost(() => readProof(file));
    expect(result?.size).toEqual({ width: 8, height: 8 });
    expect([...(result?.bytes ?? [])]).toEqual([0xff, 0xd8, ...jpegTail]);
    expect(heapMB).toBeLessThan(50);
    expect(ms).toBeLessThan(1000);
  });

  it("reads the size of that JPEG for a label photo quickly and in bounded memory", () => {
    const file = standalone();
    const { result, ms, heapMB } = cost(() => imageSize(file));
    expect(result).toMatchObject({ type: "image/jpeg", width: 8, height: 8 });
    expect(heapMB).toBeLessThan(50);
    expect(ms).toBeLessThan(1000);
  });

  it("reads a 10 MB JPEG of two million empty quantization tables in bounded memory", () => {
    const file = repeated([0xff, 0xd8], [0xff, 0xdb, 0, 2], jpegTail, 10 * MB);
    const { result, heapMB } = cost(() => readProof(file));
    expect(result?.bytes.length).toBe(file.length);
    expect(heapMB).toBeLessThan(50);
  });

  it("reads a 10 MB PNG of 870,000 empty text chunks in bounded memory, and drops them", () => {
    const head = [...PNG_SIGNATURE, ...ihdr(8, 8)];
    const tail = [...chunk("IDAT", [0x78, 0x9c, 3, 0]), ...chunk("IEND")];
    const file = repeated(head, chunk("tEXt"), tail, 10 * MB);
    const { result, heapMB } = cost(() => readProof(file));
    expect([...(result?.bytes ?? [])]).toEqual([...head, ...tail]);
    expect(heapMB).toBeLessThan(50);
  });

  it("reads a 10 MB WebP of a million empty EXIF chunks in bounded memory, and drops them", () => {
    const head = [...ascii("RIFF"), 0, 0, 0, 0, ...ascii("WEBP")];
    const image = [...ascii("VP8 "), 4, 0, 0, 0, 1, 2, 3, 4];
    const file = repeated(head, [...ascii("EXIF"), 0, 0, 0, 0], image, 10 * MB);
    const { result, heapMB } = cost(() => readProof(file));
    expect([...(result?.bytes ?? [])]).toEqual([...ascii("RIFF"), 16, 0, 0, 0, ...ascii("WEBP"), ...image]);
    expect(heapMB).toBeLessThan(50);
  });
});
