/** An image's kind and pixel size, read from its header without decoding it. */
export interface ImageSize {
  type: "image/png" | "image/jpeg";
  width: number;
  height: number;
}

/**
 * Width and height of a PNG or JPEG from its header, so that a huge image is refused before
 * anything decodes it. Null for anything else.
 *
 * @example
 * imageSize(pngBytes); // { type: "image/png", width: 1600, height: 1200 }
 */
export function imageSize(bytes: Uint8Array): ImageSize | null {
  const at = (i: number) => bytes[i] ?? 0;
  if (bytes.length >= 24 && at(0) === 0x89 && at(1) === 0x50 && at(2) === 0x4e && at(3) === 0x47) {
    const u32 = (i: number) => ((at(i) << 24) >>> 0) + ((at(i + 1) << 16) | (at(i + 2) << 8) | at(i + 3));
    return { type: "image/png", width: u32(16), height: u32(20) };
  }
  if (bytes.length >= 4 && at(0) === 0xff && at(1) === 0xd8) {
    let i = 2;
    while (i + 9 < bytes.length) {
      if (at(i) !== 0xff) return null;
      const marker = at(i + 1);
      const length = (at(i + 2) << 8) | at(i + 3);
      // SOF0–SOF15 carry the size, except DHT (C4), JPG (C8) and DAC (CC).
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return {
          type: "image/jpeg",
          height: (at(i + 5) << 8) | at(i + 6),
          width: (at(i + 7) << 8) | at(i + 8),
        };
      }
      i += 2 + length;
    }
  }
  return null;
}
