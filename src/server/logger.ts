import type { FastifyServerOptions } from "fastify";

/**
 * JSON logs with the request id. Headers that carry credentials are redacted and query strings
 * (which may hold one-time tokens) are dropped from the logged URL.
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
          url: request.url.split("?")[0],
          remoteAddress: request.ip,
        };
      },
    },
  };
}
