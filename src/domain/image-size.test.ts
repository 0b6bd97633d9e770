import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bytes,
  chunk,
  EOI,
  frameHeader,
  ihdr,
  jpeg,
  PNG_SIGNATURE,
  png,
  SOI,
  scan,
  segment,
} from "../../test/image-bytes.ts";
import { imageSize } from "./image-size.ts";

const fills = (n: number) => Array<number>(n).fill(0xff);
/** A segment with `n` fill bytes (0xFF) before its marker, which T.81 B.1.1.2 allows. */
const filled = (n: number, seg: number[]) => [...fills(n), ...seg];

describe("reading an image's size from its structure", () => {
  it("reads a PNG's IHDR", () => {
    expect(imageSize(png(1600, 1200))).toMatchObject({ type: "image/png", width: 1600, height: 1200 });
    expect(imageSize(png(1600, 1200))?.decodePixels).toBe(1600 * 1200);
  });

  it("counts a 16-bit PNG at twice its pixels, since it decodes at full depth", () => {
    const deep = bytes(PNG_SIGNATURE, ihdr(6324, 6324, 16), chunk("IDAT", [0x78, 0x9c, 3, 0]), chunk("IEND"));
    expect(imageSize(deep)).toMatchObject({ width: 6324, height: 6324, decodePixels: 6324 * 6324 * 2 });
  });

  it("skips a JPEG's APP segments and reads its SOF", () => {
    const file = jpeg(1600, 1200, [segment(0xe0, [...Buffer.from("JFIF\0"), 1, 2, 0, 0, 1, 0, 1, 0, 0])]);
    expect(imageSize(file)).toMatchObject({ type: "image/jpeg", width: 1600, height: 1200 });
  });

  it("answers null for text, a PDF and a truncated header", () => {
    expect(imageSize(new TextEncoder().encode("hello"))).toBeNull();
    expect(imageSize(new TextEncoder().encode("%PDF-1.7"))).toBeNull();
    expect(imageSize(Uint8Array.from([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
  });

  it("reads the frame after a fill byte, not a decoy frame further on", () => {
    // The old reader took the fill byte for a marker and the SOF marker for the high byte of a
    // length (0xC000), which jumped into the comment, onto a small frame hidden there.
    const app = segment(0xe0, [0, 0]);
    const real = filled(1, frameHeader(12_000, 12_000));
    const landing = SOI.length + app.length + 2 + 0xc000;
    const commentData = SOI.length + app.length + real.length + 4;
    const comment = segment(0xfe, [
      ...Array<number>(landing - commentData).fill(0x20),
      ...frameHeader(100, 100),
    ]);
    const file = bytes(SOI, app, real, comment, scan(), EOI);
    expect(imageSize(file)).toMatchObject({ type: "image/jpeg", width: 12_000, height: 12_000 });
  });

  it("reads the frame after fill bytes before an APP segment and before the SOF", () => {
    const file = bytes(
      SOI,
      filled(3, segment(0xe1, [1, 2, 3])),
      filled(1, frameHeader(12_000, 12_000)),
      scan(),
      EOI,
    );
    expect(imageSize(file)).toMatchObject({ type: "image/jpeg", width: 12_000, height: 12_000 });
  });

  it("steps over standalone markers (TEM, RST, a second SOI), which have no length", () => {
    const file = bytes(SOI, [0xff, 0x01], [0xff, 0xd3], SOI, frameHeader(800, 600), scan(), EOI);
    expect(imageSize(file)).toMatchObject({ type: "image/jpeg", width: 800, height: 600 });
  });

  it.each([
    ["a scan before any frame", bytes(SOI, scan(), frameHeader(10, 10), EOI)],
    ["EOI before any frame", bytes(SOI, EOI, frameHeader(10, 10), scan(), EOI)],
    ["a frame of height 0 (its height would come in a DNL segment)", jpeg(20_000, 0)],
    ["a frame of width 0", jpeg(0, 20_000)],
    ["two frames", bytes(SOI, frameHeader(10, 10), frameHeader(9000, 9000), scan(), EOI)],
    ["text between segments", bytes(SOI, segment(0xe0, [0]), [0x41, 0x42], frameHeader(10, 10), scan(), EOI)],
    ["a reserved marker", bytes(SOI, segment(0x50, [0]), frameHeader(10, 10), scan(), EOI)],
    ["a segment longer than the file", bytes(SOI, [0xff, 0xe1, 0xff, 0xf0, 1, 2, 3])],
    [
      "a frame header of the wrong length",
      bytes(SOI, segment(0xc0, [8, 0, 10, 0, 10, 3, 1, 0x11, 0]), scan(), EOI),
    ],
    [
      "no image data after the scan header",
      bytes(SOI, frameHeader(10, 10), segment(0xda, [1, 1, 0, 0, 63, 0]), EOI),
    ],
    ["only fill bytes after SOI", bytes(SOI, fills(8))],
    ["HTML after SOI", bytes(SOI, [...Buffer.from("<html><body>hello</body></html>")])],
  ])("refuses a JPEG with %s", (_name, file) => {
    expect(imageSize(file)).toBeNull();
  });

  it.each([
    ["no IEND", bytes(PNG_SIGNATURE, ihdr(10, 10), chunk("IDAT", [1]))],
    ["no IDAT", bytes(PNG_SIGNATURE, ihdr(10, 10), chunk("IEND"))],
    [
      "a chunk before IHDR",
      bytes(PNG_SIGNATURE, chunk("CgBI", [0, 0, 0, 0]), ihdr(10, 10), chunk("IDAT", [1]), chunk("IEND")),
    ],
    ["a second IHDR", png(10, 10, [ihdr(30_000, 30_000)])],
    ["a zero width", png(0, 10)],
    [
      "a chunk longer than the file",
      bytes(PNG_SIGNATURE, ihdr(10, 10), [0, 0, 0x10, 0], [...Buffer.from("IDAT")], [1, 2]),
    ],
    ["a header of only 24 bytes", bytes(PNG_SIGNATURE, ihdr(10, 10)).subarray(0, 24)],
  ])("refuses a PNG with %s", (_name, file) => {
    expect(imageSize(file)).toBeNull();
  });
});

const dimension = fc.integer({ min: 1, max: 65_535 });
const payload = fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 40 });
/** Segments a JPEG may have before its frame: APPn, COM, DQT, DHT, DRI, with any payload. */
const headerSegment = fc
  .tuple(fc.constantFrom(0xe0, 0xe1, 0xe2, 0xed, 0xee, 0xef, 0xfe, 0xdb, 0xc4, 0xdd), payload)
  .map(([marker, data]) => segment(marker, data));
const standalone = fc.constantFrom<number[]>([0xff, 0x01], [0xff, 0xd0], [0xff, 0xd7]);
/** Entropy-coded data: any byte but FF, a stuffed FF 00, or a restart marker. */
const scanData = fc.oneof(
  fc.integer({ min: 0, max: 254 }).map((b) => [b]),
  fc.constant([0xff, 0x00]),
  fc.integer({ min: 0xd0, max: 0xd7 }).map((rst) => [0xff, rst]),
);
const withFill = (seg: fc.Arbitrary<number[]>) =>
  fc.tuple(fc.integer({ min: 0, max: 4 }), seg).map(([n, s]) => filled(n, s));

describe("the size of any well-formed JPEG", () => {
  const anyJpeg = fc
    .record({
      width: dimension,
      height: dimension,
      before: fc.array(withFill(fc.oneof(headerSegment, standalone)), { maxLength: 8 }),
      frameFill: fc.integer({ min: 0, max: 4 }),
      data: fc.array(scanData, { minLength: 1, maxLength: 60 }).map((parts) => parts.flat()),
    })
    .map(({ width, height, before, frameFill, data }) => {
      const header = bytes(SOI, ...before, filled(frameFill, frameHeader(width, height)), scan([]));
      return { width, height, header, file: bytes(header, data, EOI) };
    });

  it("is the size its frame header gives, whatever fill bytes and segments come before it", () => {
    fc.assert(
      fc.property(anyJpeg, ({ width, height, file }) => {
        expect(imageSize(file)).toMatchObject({ type: "image/jpeg", width, height });
      }),
    );
  });

  it("is null when the file is cut off before its image data", () => {
    fc.assert(
      fc.property(anyJpeg, fc.double({ min: 0, max: 1, noNaN: true }), ({ header, file }, at) => {
        expect(imageSize(file.subarray(0, Math.floor(at * header.length)))).toBeNull();
      }),
    );
  });
});

describe("any bytes at all", () => {
  it("never throw, and give either null or a size of at least one pixel each way", () => {
    const head = fc.constantFrom(SOI, PNG_SIGNATURE, []);
    fc.assert(
      fc.property(head, fc.uint8Array({ maxLength: 200 }), (start, rest) => {
        const size = imageSize(bytes(start, rest));
        if (size) expect(size.width * size.height).toBeGreaterThan(0);
      }),
    );
  });
});
