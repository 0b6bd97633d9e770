import { existsSync } from "node:fs";
import { basename, resolve, sep } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import { Problem, problemBody } from "./problem.ts";

export const WEB_ROOT = resolve(import.meta.dirname, "../../dist/web");

/** Files with a content hash in their name never change: a browser keeps them for a year. */
const HASHED = "public, max-age=31536000, immutable";
/** index.html names the hashed files of the current version: the browser asks again every time. */
const ENTRY = "no-cache";
/** The favicon and the catalogue's pictures keep their names across versions. */
const OTHER = "public, max-age=3600";

/**
 * How long a browser may keep a file. `path` is the file sent, which may be its `.br` or `.gz`
 * sibling (the build writes those, see scripts/precompress.ts).
 */
function cacheControl(root: string, path: string): string {
  const name = basename(path).replace(/\.(br|gz)$/, "");
  if (name === "index.html") return ENTRY;
  return path.startsWith(`${root}${sep}assets${sep}`) ? HASHED : OTHER;
}

/**
 * Serves the built single-page app, compressed when the browser accepts it (brotli or gzip, written
 * at build time), index.html included; any other GET (or HEAD, which answers as GET would) that
 * wants HTML gets index.html so that deep links work. API paths keep their problem+json 404. Source maps are never served.
 */
export async function registerWeb(app: FastifyInstance, root = WEB_ROOT) {
  const built = existsSync(resolve(root, "index.html"));
  if (!built) app.log.warn({ root }, "web app not built: run `npm run build` (npm start does it)");
  if (built)
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      // The compressed siblings are found through `preCompressed`, not served under names of their own.
      globIgnore: ["**/*.br", "**/*.gz", "**/*.map"],
      preCompressed: true,
      index: false,
      setHeaders(reply, path) {
        reply.header("cache-control", cacheControl(root, path));
      },
    });
  app.setNotFoundHandler((request, reply) => {
    const apiLike = /^\/(api|oauth|healthz|readyz|\.well-known)(\/|$)/.test(request.url);
    // A missing built file (an old chunk, a source map) is a 404, never the app in its place.
    const fileLike = /^\/assets\/|\.map(\?|$)/.test(request.url);
    if (
      built &&
      (request.method === "GET" || request.method === "HEAD") &&
      !apiLike &&
      !fileLike &&
      request.headers.accept?.includes("text/html")
    ) {
      return reply.sendFile("index.html");
    }
    return reply
      .status(404)
      .type("application/problem+json")
      .send(problemBody(new Problem("route.not_found", "There is nothing at this address."), request.url));
  });
}
