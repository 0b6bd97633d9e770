import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { FastifyRequest, FastifyServerOptions } from "fastify";

/** Path parameters that are credentials: calendar-feed tokens, TV user codes. */
const SECRET_PARAMS = new Set(["token", "userCode"]);
/** better-auth's own paths that carry a one-time token (a password reset link), however spelled. */
const SECRET_AUTH_PATH = /(\/reset-password)\/.*$/;
/** A path segment that looks like a token: long, of URL-safe characters, not a UUID. */
const TOKEN_LIKE = /^[A-Za-z0-9_-]{20,}(\.[a-z]{2,4})?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The path of a request as it may be logged, decided on the matched route: no query string (it
 * may hold one-time tokens), a route with a credential in its path is logged as its pattern with
 * that parameter redacted, and any other path has its token-like segments redacted, however the
 * client spelled them (percent-escapes, doubled slashes, dot segments).
 *
 * @example
 * loggedPath(request); // "/calendar/[redacted]" for GET /calendar/abc…xyz.ics
 */
export function loggedPath(request: Pick<FastifyRequest, "url" | "routeOptions">): string {
  const pattern = request.routeOptions?.url;
  const secret = pattern?.split("/").some((part) => SECRET_PARAMS.has(part.slice(1)));
  if (pattern && secret) {
    return pattern
      .split("/")
      .map((part) => (part.startsWith(":") && SECRET_PARAMS.has(part.slice(1)) ? "[redacted]" : part))
      .join("/");
  }
  const raw = (request.url.split("?")[0] ?? "").slice(0, 2000);
  const path = raw
    .split("/")
    .map((segment) => {
      const plain = decoded(segment);
      return TOKEN_LIKE.test(plain) && !UUID.test(plain) ? "[redacted]" : segment;
    })
    .join("/");
  const normalized = decoded(path).replace(/\/+/g, "/");
  return (
    SECRET_AUTH_PATH.test(normalized) ? normalized.replace(SECRET_AUTH_PATH, "$1/[redacted]") : path
  ).slice(0, 500);
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
