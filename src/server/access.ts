import type { FastifyRequest } from "fastify";
import { unauthenticated } from "./problem.ts";
import { requireServiceKey } from "./service-key.ts";

declare module "fastify" {
  interface FastifyContextConfig {
    /**
     * Who may call a route under /api/v1. Routes are for signed-in people unless they say
     * otherwise, so a new route is never public by accident.
     */
    access?: "public" | "user" | "service";
  }
}

/**
 * Checks the caller before the body is read or validated: 401 comes before 400, and a service
 * route never reads an unauthenticated upload.
 */
export function enforceAccess(request: FastifyRequest, serviceKeys: ReadonlyMap<string, string>): void {
  if (request.routeOptions.url === undefined) return; // no such route: the 404 handler answers
  const access = request.routeOptions.config.access ?? "user";
  if (access === "service") requireServiceKey(serviceKeys, request);
  else if (access === "user" && !request.actor) throw unauthenticated();
}
