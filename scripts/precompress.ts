import { readdir, readFile, writeFile } from "node:fs/promises";
import { extname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import type { Plugin } from "vite";

/** The files worth compressing: text, and WebAssembly (the label decoder), which shrinks by half. */
const COMPRESSIBLE = new Set([".js", ".css", ".html", ".svg", ".json", ".wasm"]);
const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

async function* filesUnder(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

/**
 * Brotli's quality for the label decoder's WebAssembly (950 KB, fetched only to scan a label): at
 * the highest quality it takes a quarter of a minute for a tenth less; text gets the highest.
 */
const WASM_BROTLI_QUALITY = 9;

/**
 * Writes `<file>.br` and `<file>.gz` beside one file. A variant that would not be smaller than the
 * file is not written, so the server sends the file itself.
 */
export async function compressFile(path: string): Promise<void> {
  const content = await readFile(path);
  const text = extname(path) !== ".wasm";
  const [br, gz] = await Promise.all([
    brotli(content, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: text ? constants.BROTLI_MAX_QUALITY : WASM_BROTLI_QUALITY,
        [constants.BROTLI_PARAM_MODE]: text ? constants.BROTLI_MODE_TEXT : constants.BROTLI_MODE_GENERIC,
        [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
      },
    }),
    gzipAsync(content, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  if (br.length < content.length) await writeFile(`${path}.br`, br);
  if (gz.length < content.length) await writeFile(`${path}.gz`, gz);
}

/** Compresses every compressible file under `dir` (source maps are never among them). */
export async function compressTree(dir: string): Promise<void> {
  const work: Promise<void>[] = [];
  for await (const path of filesUnder(dir))
    if (COMPRESSIBLE.has(extname(path))) work.push(compressFile(path));
  await Promise.all(work);
}

/**
 * Brotli and gzip beside every text asset of the build, done once here instead of on every
 * request; @fastify/static sends them (`preCompressed`) to a browser that accepts them.
 */
export function precompress(): Plugin {
  let outDir = "";
  return {
    name: "owner-portal:precompress",
    apply: "build",
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      await compressTree(outDir);
    },
  };
}
