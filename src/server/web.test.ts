import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compressTree } from "../../scripts/precompress.ts";
import { dialects, freshDatabase, testConfig } from "../../test/harness.ts";
import type { Database } from "../db/database.ts";
import { buildApp } from "./app.ts";

const SCRIPT = `console.log(${JSON.stringify("the app ".repeat(200))});\n`;
const INDEX = `<!doctype html><html lang="nb"><head><script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body><div id="root"></div>${"<!-- the portal -->".repeat(40)}</body></html>`;
const ICON = `<svg xmlns="http://www.w3.org/2000/svg">${'<rect width="1" height="1"/>'.repeat(60)}</svg>`;

/**
 * A built web app in miniature, laid out as `vite build` lays out dist/web and compressed by the
 * build's own step, plus a source map of the kind the build must never ship.
 */
async function builtWebRoot(): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), "portal-web-"));
  mkdirSync(join(root, "assets"));
  writeFileSync(join(root, "index.html"), INDEX);
  writeFileSync(join(root, "favicon.svg"), ICON);
  writeFileSync(join(root, "assets", "index-Ab12Cd34.js"), SCRIPT);
  writeFileSync(join(root, "assets", "index-Ab12Cd34.js.map"), '{"version":3,"sources":["main.tsx"]}');
  await compressTree(root);
  return root;
}

function decoded(res: LightMyRequestResponse): string {
  const body = res.rawPayload;
  if (res.headers["content-encoding"] === "br") return brotliDecompressSync(body).toString();
  if (res.headers["content-encoding"] === "gzip") return gunzipSync(body).toString();
  return body.toString();
}

for (const dialect of dialects())
  describe(`the built web app as the server sends it, on ${dialect}`, () => {
    let root: string;
    let database: Database;
    let app: FastifyInstance;
    beforeAll(async () => {
      root = await builtWebRoot();
      database = await freshDatabase(dialect);
      app = await buildApp({
        config: testConfig(),
        database,
        logger: false,
        outboxTimer: false,
        webRoot: root,
      });
      await app.ready();
    });
    afterAll(async () => {
      await app.close();
      await database.close();
      rmSync(root, { recursive: true, force: true });
    });

    const get = (url: string, headers: Record<string, string> = {}) =>
      app.inject({ method: "GET", url, headers });

    it("sends a hashed script brotli-compressed to a browser that accepts it, kept for a year", async () => {
      const res = await get("/assets/index-Ab12Cd34.js", { "accept-encoding": "gzip, deflate, br" });
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-encoding"]).toBe("br");
      expect(res.headers["content-type"]).toMatch(/^(application|text)\/javascript/);
      expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(res.headers.vary).toContain("accept-encoding");
      expect(Number(res.headers["content-length"])).toBeLessThan(SCRIPT.length);
      expect(decoded(res)).toBe(SCRIPT);
    });

    it("sends gzip to a browser without brotli, and the file itself to one that accepts neither", async () => {
      const gzip = await get("/assets/index-Ab12Cd34.js", { "accept-encoding": "gzip" });
      expect(gzip.headers["content-encoding"]).toBe("gzip");
      expect(decoded(gzip)).toBe(SCRIPT);
      const plain = await get("/assets/index-Ab12Cd34.js", { "accept-encoding": "identity" });
      expect(plain.headers["content-encoding"]).toBeUndefined();
      expect(plain.body).toBe(SCRIPT);
      expect(plain.headers.vary).toContain("accept-encoding");
      expect(plain.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    });

    it("sends index.html compressed and never cached, for a deep link as for its own name", async () => {
      for (const url of ["/", "/products/some-product", "/index.html"]) {
        for (const [accept, encoding] of [
          ["br, gzip", "br"],
          ["gzip", "gzip"],
        ] as const) {
          const res = await get(url, {
            accept: "text/html,application/xhtml+xml",
            "accept-encoding": accept,
          });
          expect(res.statusCode, url).toBe(200);
          expect(res.headers["content-type"], url).toMatch(/^text\/html/);
          expect(res.headers["content-encoding"], url).toBe(encoding);
          expect(res.headers["cache-control"], url).toBe("no-cache");
          expect(res.headers.vary, url).toContain("accept-encoding");
          expect(decoded(res), url).toBe(INDEX);
        }
      }
    });

    it("answers HEAD for the app and its deep links as GET would, without the body", async () => {
      for (const url of ["/", "/products/some-product"]) {
        const res = await app.inject({
          method: "HEAD",
          url,
          headers: { accept: "text/html,application/xhtml+xml", "accept-encoding": "br" },
        });
        expect(res.statusCode, url).toBe(200);
        expect(res.headers["content-type"], url).toMatch(/^text\/html/);
        expect(res.headers["content-encoding"], url).toBe("br");
        expect(res.headers["cache-control"], url).toBe("no-cache");
        expect(res.body, url).toBe("");
      }
    });

    it("keeps other public files for a short while only", async () => {
      const res = await get("/favicon.svg", { "accept-encoding": "br" });
      expect(res.headers["content-encoding"]).toBe("br");
      expect(res.headers["cache-control"]).toBe("public, max-age=3600");
      expect(decoded(res)).toBe(ICON);
    });

    it("never sends a source map, nor the app in place of one or of a missing built file", async () => {
      const variants: Record<string, string>[] = [
        {},
        { accept: "text/html" },
        { accept: "*/*", "accept-encoding": "br, gzip" },
      ];
      for (const headers of variants) {
        for (const url of ["/assets/index-Ab12Cd34.js.map", "/assets/index-Gone1234.js", "/main.tsx.map"]) {
          const res = await get(url, headers);
          expect(res.statusCode, url).toBe(404);
          expect(res.headers["content-type"], url).toMatch(/^application\/problem\+json/);
          expect(res.body, url).not.toContain("sources");
        }
      }
    });

    it("does not serve the compressed siblings under names of their own", async () => {
      const res = await get("/assets/index-Ab12Cd34.js.br");
      expect(res.statusCode).toBe(404);
    });
  });
