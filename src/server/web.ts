import { existsSync } from "node:fs";
import { resolve } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import { Problem, problemBody } from "./problem.ts";

export const WEB_ROOT = resolve(import.meta.dirname, "../../dist/web");

/**
 * Serves the built single-page app; any other GET that wants HTML gets index.html so that deep
 * links work. API paths keep their problem+json 404.
 */
export async function registerWeb(app: FastifyInstance, root = WEB_ROOT) {
  const built = existsSync(resolve(root, "index.html"));
  if (!built) app.log.warn({ root }, "web app not built: run `npm run build` (npm start does it)");
  if (built)
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      maxAge: "1h",
      setHeaders(res, path) {
        if (path.includes("/assets/")) res.header("cache-control", "public, max-age=31536000, immutable");
      },
    });
  app.setNotFoundHandler((request, reply) => {
    const apiLike = /^\/(api|oauth|healthz|readyz|\.well-known)(\/|$)/.test(request.url);
    if (built && request.method === "GET" && !apiLike && request.headers.accept?.includes("text/html")) {
      return reply.header("cache-control", "no-cache").sendFile("index.html");
    }
    return reply
      .status(404)
      .type("application/problem+json")
      .send(problemBody(new Problem("route.not_found", "There is nothing at this address."), request.url));
  });
}
