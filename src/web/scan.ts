import { prepareZXingModule, readBarcodes } from "zxing-wasm/reader";
import wasmUrl from "zxing-wasm/reader/zxing_reader.wasm?url";

let ready: Promise<unknown> | null = null;

/** The decoder's WebAssembly comes from our own server (Vite copies it), never from a CDN. */
function prepare() {
  ready ??= prepareZXingModule({
    overrides: {
      locateFile: (path: string, prefix: string) => (path.endsWith(".wasm") ? wasmUrl : prefix + path),
    },
    fireImmediately: true,
  });
  return ready;
}

export interface ScannedCode {
  format: string;
  text: string;
}

/** Every code in a photo (a File) or a video frame (ImageData). */
export async function scan(input: Blob | ImageData): Promise<ScannedCode[]> {
  await prepare();
  const results = await readBarcodes(input, { tryHarder: true, maxNumberOfSymbols: 4 });
  return results.filter((r) => r.isValid).map((r) => ({ format: r.format, text: r.text }));
}
