import { ERROR_CODES, type ErrorCode, type NotFoundSubject } from "./error-codes.ts";

/**
 * Errors are values with stable codes. They are turned into RFC 9457 problem documents in one
 * place (the error handler); the web client turns the code into a sentence in the reader's language.
 */
export class Problem extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly extra: Record<string, unknown>;

  /**
   * @param code - a code of the catalogue (`src/server/error-codes.ts`), which gives the status
   * @param detail - an English sentence for developers; readers get the catalogue's sentence
   * @param extra - members added to the problem document (the fields a client needs to explain it)
   * @example throw new Problem("claim.decided", "This claim is decided already.");
   */
  constructor(code: ErrorCode, detail: string, extra: Record<string, unknown> = {}) {
    super(detail);
    this.status = ERROR_CODES[code];
    this.code = code;
    this.extra = extra;
  }
}

export const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  408: "Request Timeout",
  409: "Conflict",
  413: "Content Too Large",
  414: "URI Too Long",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  431: "Request Header Fields Too Large",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance?: string;
  [key: string]: unknown;
}

/** @example problemBody(new Problem("registration.not_found", "No such registration")) */
export function problemBody(problem: Problem, instance?: string): ProblemBody {
  return {
    type: `about:blank#${problem.code}`,
    title: TITLES[problem.status] ?? "Error",
    status: problem.status,
    code: problem.code,
    detail: problem.message,
    ...(instance ? { instance } : {}),
    ...problem.extra,
  };
}

export const unauthenticated = () => new Problem("auth.required", "Sign in to continue.");
export const forbidden = () => new Problem("auth.forbidden", "You are not allowed to do this.");
export const notFound = (what: NotFoundSubject) =>
  new Problem(`${what}.not_found` as ErrorCode, `No such ${what.replaceAll("_", " ")}.`);

/**
 * The catalogue's code for a refusal that came with a status only (from the framework, a plugin or
 * better-auth), so that the code, its status and the reader's sentence still agree.
 *
 * @example problemForStatus(401, "No session").code // "auth.required"
 */
export function problemForStatus(status: number, detail: string): Problem {
  switch (status) {
    case 401:
      return new Problem("auth.required", detail);
    case 403:
      return new Problem("auth.forbidden", detail);
    case 404:
      return new Problem("route.not_found", detail);
    case 405:
      return new Problem("request.method_not_allowed", detail);
    case 408:
      return new Problem("request.timeout", detail);
    case 413:
      return new Problem("request.too_large", detail);
    case 415:
      return new Problem("request.media_type", detail);
    case 429:
      return new Problem("request.rate_limited", detail);
    default:
      return status >= 500 ? new Problem("server.error", detail) : new Problem("request.invalid", detail);
  }
}
