import wasmUrl from "zxing-wasm/reader/zxing_reader.wasm?url";

type Reader = typeof import("zxing-wasm/reader");
let ready: Promise<Reader> | null = null;

/**
 * The decoder's code is fetched on the first scan, not with the page, and its WebAssembly comes
 * from our own server (Vite copies it), never from a CDN.
 */
function prepare(): Promise<Reader> {
  ready ??= import("zxing-wasm/reader").then(async (reader) => {
    await reader.prepareZXingModule({
      overrides: {
        locateFile: (path: string, prefix: string) => (path.endsWith(".wasm") ? wasmUrl : prefix + path),
      },
      fireImmediately: true,
    });
    return reader;
  });
  // A failed download may be tried again on the next scan.
  ready.catch(() => {
    ready = null;
  });
  return ready;
}

export interface ScannedCode {
  format: string;
  text: string;
}

/** Every code in a photo (a File) or a video frame (ImageData). */
export async function scan(input: Blob | ImageData): Promise<ScannedCode[]> {
  const reader = await prepare();
  const results = await reader.readBarcodes(input, { tryHarder: true, maxNumberOfSymbols: 4 });
  return results.filter((r) => r.isValid).map((r) => ({ format: r.format, text: r.text }));
}
