import { describe, expect, it } from "vitest";
import { imageSize } from "./image-size.ts";

describe("reading an image's size from its header", () => {
  it("reads a PNG's IHDR", () => {
    const png = Uint8Array.from([
      0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 6, 64, 0, 0, 4, 176,
    ]);
    expect(imageSize(png)).toEqual({ type: "image/png", width: 1600, height: 1200 });
  });

  it("skips a JPEG's APP segments and reads its SOF", () => {
    const jpeg = Uint8Array.from([
      0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 4, 176, 6, 64, 3, 0, 0, 0,
    ]);
    expect(imageSize(jpeg)).toEqual({ type: "image/jpeg", width: 1600, height: 1200 });
  });

  it("answers null for text, a PDF and a truncated header", () => {
    expect(imageSize(new TextEncoder().encode("hello"))).toBeNull();
    expect(imageSize(new TextEncoder().encode("%PDF-1.7"))).toBeNull();
    expect(imageSize(Uint8Array.from([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
  });
});
