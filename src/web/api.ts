/** The one way the web app talks to the server: JSON in, JSON or problem+json out. */

export interface ProblemFields {
  path: string;
  message: string;
}

/**
 * A refusal from the server: its status (0 when the server could not be reached), its code (empty
 * when the answer was no problem document) and the whole document. Readers get the sentence of
 * the code or the status (`problemMessage`), never the document's English `detail`.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly body: Record<string, unknown>;

  constructor(status: number, code: string, body: Record<string, unknown> = {}) {
    super(`HTTP ${status} ${code}`);
    this.status = status;
    this.code = code;
    this.body = body;
  }
}

let csrfToken: string | null = null;

/** Set from `GET /api/v1/session`; sent on every write. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json, application/problem+json" };
  const form = body instanceof FormData;
  if (body !== undefined && !form) headers["content-type"] = "application/json";
  if (csrfToken && method !== "GET") headers["x-csrf-token"] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      // A FormData body (a file upload) goes as multipart/form-data; the browser sets its boundary.
      ...(body !== undefined ? { body: form ? body : JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(0, "network");
  }
  const text = await response.text();
  const data = text ? safeJson(text) : null;
  if (!response.ok) {
    const problem = (data ?? {}) as Record<string, unknown>;
    throw new ApiError(response.status, typeof problem.code === "string" ? problem.code : "", problem);
  }
  return data as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
