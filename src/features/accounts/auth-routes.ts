import type { FastifyInstance } from "fastify";
import { ERROR_CODES, isErrorCode } from "../../server/error-codes.ts";
import { Problem, problemBody, problemForStatus } from "../../server/problem.ts";
import type { Auth } from "./auth.ts";

/**
 * Hands `/api/auth/*` to better-auth. Its JSON errors are turned into our problem documents with
 * `auth.*` codes, so clients handle every error one way.
 */
export async function authRoutes(app: FastifyInstance, { auth }: { auth: Auth }) {
  app.route({
    method: ["GET", "POST"],
    url: "/api/auth/*",
    schema: { hide: true },
    async handler(request, reply) {
      const url = new URL(request.url, "http://internal");
      const headers = new Headers();
      for (const [key, value] of Object.entries(request.headers)) {
        if (value === undefined || key === "x-portal-client-ip") continue;
        headers.set(key, Array.isArray(value) ? value.join(", ") : value);
      }
      // Rate limits key on this header; the client cannot set it (see the loop above).
      headers.set("x-portal-client-ip", request.ip);
      const hasBody = request.method !== "GET" && request.body !== undefined;
      const response = await auth.handler(
        new Request(new URL(url.pathname + url.search, auth.options.baseURL as string), {
          method: request.method,
          headers,
          ...(hasBody ? { body: JSON.stringify(request.body) } : {}),
        }),
      );
      reply.status(response.status);
      for (const cookie of response.headers.getSetCookie()) reply.header("set-cookie", cookie);
      response.headers.forEach((value, key) => {
        if (key !== "set-cookie" && key !== "content-length") reply.header(key, value);
      });
      const text = await response.text();
      if (response.status >= 400) {
        return reply
          .type("application/problem+json")
          .send(problemBody(toProblem(response.status, text), url.pathname));
      }
      return reply.send(text || null);
    },
  });
}

function toProblem(status: number, text: string): Problem {
  // better-auth's limit per client address answers 429 without a code.
  let code = status === 429 ? "too_many_requests" : "error";
  let message = "The request was refused.";
  try {
    const body = JSON.parse(text) as { code?: string; message?: string };
    if (body.code) code = body.code.toLowerCase();
    if (body.message) message = body.message;
  } catch {
    // Not JSON (e.g. a plain-text 429): keep the generic message.
  }
  // better-auth's own code when the catalogue has it with this status; otherwise the catalogue's
  // code for the status, so that the code, the status and the reader's sentence agree.
  const known = `auth.${code}`;
  return isErrorCode(known) && ERROR_CODES[known] === status
    ? new Problem(known, message)
    : problemForStatus(status, message);
}
