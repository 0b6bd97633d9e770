import { readJpeg } from "./jpeg-file.ts";
import { readPng } from "./png-file.ts";

/** An image's kind and pixel size, read from its structure without decoding it. */
export interface ImageSize {
  type: "image/png" | "image/jpeg";
  width: number;
  height: number;
  /**
   * What decoding costs, in pixels of 8 bits per sample: a 16-bit PNG counts twice its pixels,
   * since the decoder holds it at full depth before it reads it. Limits are set on this.
   */
  decodePixels: number;
}

/**
 * Width and height of a PNG or JPEG, so that a huge image is refused before anything decodes it.
 * The whole structure is read (every JPEG segment, every PNG chunk), not only the first header:
 * a file whose size cannot be told for certain is null, and must not be decoded.
 *
 * @example
 * imageSize(pngBytes); // { type: "image/png", width: 1600, height: 1200 }
 * imageSize(truncatedJpeg); // null
 */
export function imageSize(bytes: Uint8Array): ImageSize | null {
  const png = readPng(bytes);
  if (png) {
    const depth = png.bitDepth > 8 ? 2 : 1;
    return {
      type: "image/png",
      width: png.width,
      height: png.height,
      decodePixels: png.width * png.height * depth,
    };
  }
  const jpeg = readJpeg(bytes);
  if (jpeg)
    return {
      type: "image/jpeg",
      width: jpeg.width,
      height: jpeg.height,
      decodePixels: jpeg.width * jpeg.height,
    };
  return null;
}
