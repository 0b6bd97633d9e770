import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** The web app lives in src/web and is built into dist/web, which the Fastify server serves. */
export default defineConfig({
  root: "src/web",
  publicDir: "public",
  plugins: [react()],
  build: {
    outDir: "../../dist/web",
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
  server: { proxy: { "/api": "http://localhost:3000" } },
});
