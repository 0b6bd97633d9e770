/**
 * Errors are values with stable codes. They are turned into RFC 9457 problem documents in one
 * place (the error handler); the web client turns the code into a sentence in the reader's language.
 */
export class Problem extends Error {
  readonly status: number;
  readonly code: string;
  readonly extra: Record<string, unknown>;

  constructor(status: number, code: string, detail: string, extra: Record<string, unknown> = {}) {
    super(detail);
    this.status = status;
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

/** @example problemBody(new Problem(404, "registration.not_found", "No such registration")) */
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

export const unauthenticated = () => new Problem(401, "auth.required", "Sign in to continue.");
export const forbidden = () => new Problem(403, "auth.forbidden", "You are not allowed to do this.");
export const notFound = (what: string) => new Problem(404, `${what}.not_found`, `No such ${what}.`);
