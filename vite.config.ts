import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { precompiledMessages } from "./scripts/precompiled-messages.ts";
import { precompress } from "./scripts/precompress.ts";

/**
 * The web app lives in src/web and is built into dist/web, which the Fastify server serves: a chunk
 * per page, one per language, brotli and gzip beside each file, and no source maps (the served
 * code is what the browser runs; the sources are in the repository).
 */
export default defineConfig({
  root: "src/web",
  publicDir: "public",
  plugins: [react(), precompiledMessages(), precompress()],
  resolve: {
    // The catalogs arrive parsed (precompiledMessages), so the browser needs no ICU parser.
    alias: [
      {
        find: /^@formatjs\/icu-messageformat-parser$/,
        replacement: "@formatjs/icu-messageformat-parser/no-parser.js",
      },
    ],
  },
  build: {
    outDir: "../../dist/web",
    emptyOutDir: true,
    sourcemap: false,
  },
  server: { proxy: { "/api": "http://localhost:3000" } },
});
