import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { FastifyRequest, FastifyServerOptions } from "fastify";

/** Path parameters that are credentials: calendar-feed tokens, TV user codes. */
const SECRET_PARAMS = new Set(["token", "userCode"]);
/** better-auth's own paths that carry a one-time token (a password reset link). */
const SECRET_AUTH_PATH = /^(\/api\/auth\/reset-password\/)[^/?]+/;

/**
 * The path of a request as it may be logged: no query string (it may hold one-time tokens), and
 * the value of every path parameter that is a credential replaced, decided on the matched route.
 *
 * @example
 * loggedPath(request); // "/calendar/[redacted]" for GET /calendar/abc…xyz.ics
 */
export function loggedPath(request: Pick<FastifyRequest, "url" | "params" | "routeOptions">): string {
  let path = request.url.split("?")[0] ?? "";
  const params = (request.params ?? {}) as Record<string, unknown>;
  for (const [name, value] of Object.entries(params)) {
    if (SECRET_PARAMS.has(name) && typeof value === "string" && value.length > 0) {
      path = path.replace(encodeURIComponent(value), "[redacted]").replace(value, "[redacted]");
    }
  }
  return path.replace(SECRET_AUTH_PATH, "$1[redacted]").slice(0, 500);
}

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * The request id: the caller's `x-request-id` when it is a short plain token (so one request can
 * be followed across systems), otherwise a new one, so a client cannot fill the log.
 */
export function requestId(request: IncomingMessage): string {
  const sent = request.headers["x-request-id"];
  return typeof sent === "string" && CLIENT_REQUEST_ID.test(sent) ? sent : randomUUID();
}

/**
 * JSON logs with the request id. Headers that carry credentials are redacted and query strings
 * and secret path parts are dropped from the logged URL.
 */
export function loggerOptions(level: string): Exclude<FastifyServerOptions["logger"], boolean | undefined> {
  return {
    level,
    redact: {
      paths: [
        "req.headers.authorization",
        "req.headers.cookie",
        'req.headers["x-csrf-token"]',
        'req.headers["x-service-key"]',
        'res.headers["set-cookie"]',
        "*.password",
        "*.newPassword",
        "*.currentPassword",
        "*.token",
      ],
      censor: "[redacted]",
    },
    serializers: {
      req(request) {
        return {
          method: request.method,
          url: loggedPath(request as unknown as FastifyRequest),
          remoteAddress: request.ip,
        };
      },
    },
  };
}
