import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { prepareZXingModule, readBarcodes } from "zxing-wasm/reader";

export interface DecodedCode {
  format: string;
  text: string;
}

let ready: Promise<unknown> | null = null;

/**
 * Loads the decoder's WebAssembly once, from our own node_modules (never from a CDN, which is
 * where the library looks by default).
 *
 * @example
 * await prepareDecoder(); // the first decodeImage no longer waits for the compilation
 */
export function prepareDecoder(): Promise<unknown> {
  ready ??= (async () => {
    const path = createRequire(import.meta.url).resolve("zxing-wasm/reader/zxing_reader.wasm");
    const wasm = await readFile(path);
    return prepareZXingModule({
      overrides: {
        wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer,
      },
      fireImmediately: true,
    });
  })();
  return ready;
}

/**
 * Every QR code and barcode zxing finds in an encoded image (PNG or JPEG), rotated or not.
 *
 * @example
 * const codes = await decodeImage(pngBytes); // [{ format: "QRCode", text: "https://…/01/…/21/…" }]
 */
export async function decodeImage(bytes: Uint8Array): Promise<DecodedCode[]> {
  await prepareDecoder();
  const results = await readBarcodes(bytes, {
    tryHarder: true,
    tryRotate: true,
    tryInvert: true,
    tryDownscale: true,
    maxNumberOfSymbols: 8,
  });
  return results.filter((r) => r.isValid).map((r) => ({ format: r.format, text: r.text }));
}
