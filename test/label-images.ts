import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { PNG } from "pngjs";
import { prepareZXingModule, writeBarcode } from "zxing-wasm/full";

let ready: Promise<unknown> | null = null;

/** A PNG of a QR code or barcode, made by zxing's writer (the tests make their own images). */
export async function codePng(
  text: string,
  format: "QRCode" | "Code128" | "Code39" | "DataMatrix" = "QRCode",
  scale = 6,
): Promise<Uint8Array> {
  ready ??= prepareZXingModule({
    overrides: {
      wasmBinary: toArrayBuffer(
        readFileSync(createRequire(import.meta.url).resolve("zxing-wasm/full/zxing_full.wasm")),
      ),
    },
    fireImmediately: true,
  });
  await ready;
  const out = await writeBarcode(text, { format, scale, addQuietZones: true });
  if (!out.image) throw new Error(out.error || "no image");
  return new Uint8Array(await out.image.arrayBuffer());
}

function toArrayBuffer(b: Buffer): ArrayBuffer {
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

interface Gray {
  width: number;
  height: number;
  px: Float32Array;
}

function toGray(png: Uint8Array): Gray {
  const image = PNG.sync.read(Buffer.from(png));
  const px = new Float32Array(image.width * image.height);
  for (let i = 0; i < px.length; i++)
    px[i] = ((image.data[i * 4] ?? 0) + (image.data[i * 4 + 1] ?? 0) + (image.data[i * 4 + 2] ?? 0)) / 3;
  return { width: image.width, height: image.height, px };
}

function toPng(g: Gray): Uint8Array {
  const png = new PNG({ width: g.width, height: g.height });
  for (let i = 0; i < g.px.length; i++) {
    const v = Math.max(0, Math.min(255, Math.round(g.px[i] ?? 0)));
    png.data[i * 4] = v;
    png.data[i * 4 + 1] = v;
    png.data[i * 4 + 2] = v;
    png.data[i * 4 + 3] = 255;
  }
  return new Uint8Array(PNG.sync.write(png));
}

type PhotoOptions = {
  degrees?: number;
  scale?: number;
  blur?: number;
  contrast?: number;
  width?: number;
  height?: number;
};

/** The code placed on a 1600×1200 "photo", rotated by `degrees`, scaled, on a light-grey background. */
export function photo(code: Uint8Array, options: PhotoOptions = {}): Uint8Array {
  return toPng(render(code, options));
}

/**
 * The same picture as a YUV4MPEG2 video of a few frames, for Chromium's fake camera
 * (`--use-file-for-fake-video-capture`).
 */
export function photoY4m(code: Uint8Array, options: PhotoOptions = {}, frames = 5): Buffer {
  const g = render(code, options);
  const header = Buffer.from(`YUV4MPEG2 W${g.width} H${g.height} F10:1 Ip A1:1 C420jpeg\n`);
  const y = Buffer.from(Array.from(g.px, (v) => Math.max(0, Math.min(255, Math.round(v)))));
  const chroma = Buffer.alloc((g.width / 2) * (g.height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from("FRAME\n"), y, chroma]);
  return Buffer.concat([header, ...Array<Buffer>(frames).fill(frame)]);
}

function render(code: Uint8Array, options: PhotoOptions): Gray {
  const src = toGray(code);
  const width = options.width ?? 1600;
  const height = options.height ?? 1200;
  const out: Gray = { width, height, px: new Float32Array(width * height).fill(235) };
  const angle = ((options.degrees ?? 0) * Math.PI) / 180;
  const scale = options.scale ?? 1;
  const [cx, cy] = [width / 2, height / 2];
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  for (let y = 0; y < out.height; y++) {
    for (let x = 0; x < out.width; x++) {
      // Inverse mapping from the photo to the code image.
      const dx = (x - cx) / scale;
      const dy = (y - cy) / scale;
      const sx = cos * dx + sin * dy + src.width / 2;
      const sy = -sin * dx + cos * dy + src.height / 2;
      if (sx >= 0 && sy >= 0 && sx < src.width - 1 && sy < src.height - 1) {
        const x0 = Math.floor(sx);
        const y0 = Math.floor(sy);
        const fx = sx - x0;
        const fy = sy - y0;
        const p = (xx: number, yy: number) => src.px[yy * src.width + xx] ?? 0;
        out.px[y * out.width + x] =
          p(x0, y0) * (1 - fx) * (1 - fy) +
          p(x0 + 1, y0) * fx * (1 - fy) +
          p(x0, y0 + 1) * (1 - fx) * fy +
          p(x0 + 1, y0 + 1) * fx * fy;
      }
    }
  }
  for (let pass = 0; pass < (options.blur ?? 0); pass++) boxBlur(out);
  if (options.contrast !== undefined) {
    const c = options.contrast;
    for (let i = 0; i < out.px.length; i++) out.px[i] = 128 + ((out.px[i] ?? 0) - 128) * c;
  }
  return out;
}

function boxBlur(g: Gray) {
  const copy = g.px.slice();
  for (let y = 1; y < g.height - 1; y++) {
    for (let x = 1; x < g.width - 1; x++) {
      let sum = 0;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) sum += copy[(y + dy) * g.width + x + dx] ?? 0;
      g.px[y * g.width + x] = sum / 9;
    }
  }
}

/**
 * A PNG of black and white noise: no code in it, but the slowest kind of picture to search, since
 * every region looks like the edge of a symbol. The same seed gives the same picture.
 */
export function noisePng(width: number, height: number, seed = 1): Uint8Array {
  const png = new PNG({ width, height });
  let state = seed >>> 0 || 1;
  for (let i = 0; i < width * height; i++) {
    // xorshift32: enough randomness for a picture, and repeatable.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const v = state & 1 ? 255 : 0;
    png.data[i * 4] = v;
    png.data[i * 4 + 1] = v;
    png.data[i * 4 + 2] = v;
    png.data[i * 4 + 3] = 255;
  }
  return new Uint8Array(PNG.sync.write(png));
}
