import { describe, expect, it } from "vitest";
import { sniffProofType, stripProofMetadata } from "./proof-file.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: (number[] | Uint8Array)[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
const u32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const u32le = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255];
const u16 = (n: number) => [(n >>> 8) & 255, n & 255];
const has = (hay: Uint8Array, needle: string) => Buffer.from(hay).includes(Buffer.from(needle));

describe("what a proof file is, from its first bytes", () => {
  it.each([
    ["%PDF-1.7\n", "application/pdf"],
    ["\xff\xd8\xff\xe0", "image/jpeg"],
    ["\x89PNG\r\n\x1a\n", "image/png"],
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
});

describe("taking the metadata out of images", () => {
  it("drops EXIF and comments from a JPEG and keeps the image data", () => {
    const exif = bytes([0xff, 0xe1], u16(2 + 14), enc("Exif\0\0GPS-Oslo"));
    const comment = bytes([0xff, 0xfe], u16(2 + 6), enc("secret"));
    const quant = bytes([0xff, 0xdb], u16(2 + 3), [1, 2, 3]);
    const scan = bytes([0xff, 0xda], u16(2 + 2), [9, 9], [0x11, 0x22, 0xff, 0xd9]);
    const jpeg = bytes([0xff, 0xd8], exif, comment, quant, scan);
    const clean = stripProofMetadata(jpeg, "image/jpeg");
    expect(has(clean, "GPS-Oslo")).toBe(false);
    expect(has(clean, "secret")).toBe(false);
    expect([...clean]).toEqual([0xff, 0xd8, ...quant, ...scan]);
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
