import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
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
import { readJpeg } from "./jpeg-file.ts";
import { type ProofType, readProof } from "./proof-file.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: (number[] | Uint8Array)[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
const u32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const u32le = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255];
const u16 = (n: number) => [(n >>> 8) & 255, n & 255];
const has = (hay: Uint8Array, needle: string) => Buffer.from(hay).includes(Buffer.from(needle));
const sniffProofType = (file: Uint8Array) => readProof(file)?.type ?? null;

/** The bytes stored for a file that must be read as a proof of `type`. */
function stripProofMetadata(file: Uint8Array, type: ProofType): Uint8Array {
  const proof = readProof(file);
  expect(proof?.type).toBe(type);
  return proof?.bytes ?? new Uint8Array();
}

/** The markers of a JPEG's segments, in order, or null when it is not a well-formed JPEG. */
function jpegMarkers(file: Uint8Array): number[] | null {
  const markers: number[] = [];
  return readJpeg(file, (s) => markers.push(s.marker)) ? markers : null;
}

describe("what a proof file is, from its first bytes", () => {
  it.each([
    ["%PDF-1.7\n", "application/pdf"],
    [String.fromCharCode(...jpeg(640, 480)), "image/jpeg"],
    [String.fromCharCode(...png(640, 480)), "image/png"],
    ["RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"],
    ["\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", "image/heic"],
  ])("recognises %j as %s", (head, type) => {
    expect(sniffProofType(Uint8Array.from([...head].map((c) => c.charCodeAt(0))))).toBe(type);
  });

  it("refuses a text file that calls itself a PDF, an executable and an empty file", () => {
    expect(sniffProofType(enc("This is not a PDF"))).toBeNull();
    expect(sniffProofType(enc("MZ\x90\x00"))).toBeNull();
    expect(sniffProofType(new Uint8Array())).toBeNull();
  });

  it.each([
    [
      "HTML behind a JPEG signature (41 bytes)",
      bytes([0xff, 0xd8, 0xff], enc("<html><script>alert(1)</script></html>")),
    ],
    ["a JPEG signature alone", Uint8Array.from([0xff, 0xd8, 0xff, 0xe0])],
    ["a JPEG without a frame header", bytes(SOI, segment(0xe0, [0, 0]), scan(), EOI)],
    ["a JPEG frame without a scan", bytes(SOI, frameHeader(100, 100), EOI)],
    ["a JPEG of zero height", jpeg(100, 0)],
    ["a PNG signature alone", Uint8Array.from(PNG_SIGNATURE)],
    ["a PNG without IEND", bytes(PNG_SIGNATURE, ihdr(10, 10), chunk("IDAT", [1]))],
    ["a PNG whose chunk runs past the end", bytes(PNG_SIGNATURE, ihdr(10, 10), u32(5000), enc("IDAT"), [1])],
    [
      "a PNG that does not start with IHDR",
      bytes(PNG_SIGNATURE, chunk("tEXt", [65]), ihdr(9, 9), chunk("IEND")),
    ],
  ])("refuses %s", (_name, file) => {
    expect(sniffProofType(file)).toBeNull();
  });
});

describe("taking the metadata out of images", () => {
  it("drops EXIF and comments from a JPEG and keeps the image data", () => {
    const exif = bytes([0xff, 0xe1], u16(2 + 14), enc("Exif\0\0GPS-Oslo"));
    const comment = bytes([0xff, 0xfe], u16(2 + 6), enc("secret"));
    const quant = bytes([0xff, 0xdb], u16(2 + 3), [1, 2, 3]);
    const frame = frameHeader(640, 480);
    const image = bytes(scan([0x11, 0x22]), EOI);
    const file = bytes(SOI, exif, comment, quant, frame, image);
    const clean = stripProofMetadata(file, "image/jpeg");
    expect(has(clean, "GPS-Oslo")).toBe(false);
    expect(has(clean, "secret")).toBe(false);
    expect([...clean]).toEqual([...SOI, ...quant, ...frame, ...image]);
  });

  it("drops EXIF that a fill byte puts in front of its marker", () => {
    const exif = bytes([0xff, 0xff, 0xe1], u16(2 + 14), enc("Exif\0\0GPS-Oslo"));
    const clean = stripProofMetadata(jpeg(640, 480, [[...exif]]), "image/jpeg");
    expect(has(clean, "GPS-Oslo")).toBe(false);
    expect(sniffProofType(clean)).toBe("image/jpeg");
  });

  it("drops metadata between the scans of a progressive JPEG and whatever follows EOI", () => {
    const between = segment(0xe1, [...enc("Exif\0\0GPS-Bergen")]);
    const second = bytes(SOI, segment(0xe1, [...enc("Exif\0\0GPS-Tromso")]), frameHeader(8, 8), scan(), EOI);
    const file = bytes(SOI, frameHeader(640, 480, 0xc2), scan(), [0xff], between, scan(), EOI, second);
    const clean = stripProofMetadata(file, "image/jpeg");
    expect(has(clean, "GPS-Bergen")).toBe(false);
    expect(has(clean, "GPS-Tromso")).toBe(false);
    expect(jpegMarkers(clean)).toEqual([0xd8, 0xc2, 0xda, 0xda, 0xd9]);
  });

  it("leaves no APP1–APP15 or COM segment in any JPEG, however many fill bytes precede them", () => {
    const metadata = fc
      .tuple(
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom(...Array.from({ length: 15 }, (_, k) => 0xe1 + k), 0xfe),
      )
      .map(([fill, marker]) => [...Array<number>(fill).fill(0xff), ...segment(marker, [...enc("PRIVATE")])]);
    const keep = fc.constantFrom(
      segment(0xe0, [...enc("JFIF\0")]),
      segment(0xdb, [0, 1, 2]),
      segment(0xc4, [0, 3]),
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(metadata, keep), { maxLength: 10 }), (before) => {
        const clean = stripProofMetadata(jpeg(320, 240, before), "image/jpeg");
        expect(has(clean, "PRIVATE")).toBe(false);
        const kept = before.filter((seg) => !Buffer.from(seg).includes(Buffer.from("PRIVATE")));
        expect([...clean]).toEqual([...jpeg(320, 240, kept)]);
      }),
    );
  });

  it("drops text, EXIF and time chunks from a PNG", () => {
    const chunk = (type: string, data: number[]) => bytes(u32(data.length), enc(type), data, [0, 0, 0, 0]);
    const ihdr = chunk("IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
    const text = chunk("tEXt", [...enc("Author\0Kari")]);
    const idat = chunk("IDAT", [1, 2, 3]);
    const iend = chunk("IEND", []);
    const png = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], ihdr, text, idat, iend);
    const clean = stripProofMetadata(png, "image/png");
    expect(has(clean, "Kari")).toBe(false);
    expect(clean.length).toBe(png.length - text.length);
  });

  it("drops private chunks of a PNG and whatever follows IEND, and keeps how it is drawn", () => {
    const gamma = chunk("gAMA", [0, 0, 0xb1, 0x8f]);
    const file = png(4, 4, [gamma, chunk("prVt", [...enc("GPS-61N")])]);
    const clean = stripProofMetadata(bytes(file, enc("GPS-62N")), "image/png");
    expect(has(clean, "GPS-61N")).toBe(false);
    expect(has(clean, "GPS-62N")).toBe(false);
    expect([...clean]).toEqual([...png(4, 4, [gamma])]);
  });

  it("drops EXIF from a WebP, clears its flag and fixes the RIFF size", () => {
    const vp8x = bytes(enc("VP8X"), u32le(10), [0x08, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const exif = bytes(enc("EXIF"), u32le(6), enc("GPS-59"));
    const image = bytes(enc("VP8 "), u32le(4), [1, 2, 3, 4]);
    const body = bytes(vp8x, exif, image);
    const webp = bytes(enc("RIFF"), u32le(body.length + 4), enc("WEBP"), body);
    const clean = stripProofMetadata(webp, "image/webp");
    expect(has(clean, "GPS-59")).toBe(false);
    expect(clean[20]).toBe(0);
    expect(clean[4] ?? 0).toBe(clean.length - 8);
  });

  it("blanks the Exif item of a HEIC file and keeps its length", () => {
    const infe = bytes(
      u32(8 + 4 + 2 + 2 + 4 + 1),
      enc("infe"),
      [2, 0, 0, 0],
      u16(7),
      u16(0),
      enc("Exif"),
      [0],
    );
    const iinf = bytes(u32(8 + 4 + 2 + infe.length), enc("iinf"), [0, 0, 0, 0], u16(1), infe);
    // iloc v0, offset/length 4 bytes, no base offset; one item with one extent, pointing at the payload.
    const exifPayload = enc("\0\0\0\0Exif\0\0MM\0*GPS-60N");
    const ilocSize = 8 + 4 + 2 + 2 + (2 + 2 + 2 + 4 + 4);
    const ftyp = bytes(u32(16), enc("ftypheic"), [0, 0, 0, 0]);
    const metaSize = 8 + 4 + iinf.length + ilocSize;
    const payloadAt = ftyp.length + metaSize + 8; // after the mdat header
    const iloc = bytes(
      u32(ilocSize),
      enc("iloc"),
      [0, 0, 0, 0],
      [0x44, 0x00],
      u16(1),
      u16(7),
      u16(0),
      u16(1),
      u32(payloadAt),
      u32(exifPayload.length),
    );
    const meta = bytes(u32(metaSize), enc("meta"), [0, 0, 0, 0], iinf, iloc);
    const mdat = bytes(u32(8 + exifPayload.length), enc("mdat"), exifPayload);
    const heic = bytes(ftyp, meta, mdat);
    const clean = stripProofMetadata(heic, "image/heic");
    expect(has(clean, "GPS-60N")).toBe(false);
    expect(clean.length).toBe(heic.length);
    expect(has(clean, "ftypheic")).toBe(true);
  });

  it("leaves a PDF as it is", () => {
    const pdf = enc("%PDF-1.4\n%%EOF\n");
    expect(stripProofMetadata(pdf, "application/pdf")).toBe(pdf);
  });
});
