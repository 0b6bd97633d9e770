import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Config } from "../../config/config.ts";
import { ERROR_CODES, isErrorCode } from "../../server/error-codes.ts";
import { Problem, problemBody, problemForStatus } from "../../server/problem.ts";
import type { Auth } from "./auth.ts";
import { clearedMarkCookie, holdsMark, markCookie, SIGN_UP_COOKIE } from "./sign-up-browser.ts";

/**
 * Hands `/api/auth/*` to better-auth. Its JSON errors are turned into our problem documents with
 * `auth.*` codes, so clients handle every error one way.
 */
export async function authRoutes(app: FastifyInstance, { auth, config }: { auth: Auth; config: Config }) {
  const context = await auth.$context;
  const sessionCookie = context.authCookies.sessionToken.name;
  // Every cookie better-auth sets (the session, its cached data) starts like its session cookie.
  const authCookiePrefix = sessionCookie.slice(0, sessionCookie.indexOf(".") + 1);
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
      const text = await response.text();
      let cookies = response.headers.getSetCookie();
      let location = response.headers.get("location");
      const email = emailOf(request);
      const path = url.pathname;
      // The browser that signed up, or whose owner proved the password before confirming.
      if (
        email &&
        ((path.endsWith("/sign-up/email") && response.status === 200) ||
          (path.endsWith("/sign-in/email") && response.status === 403 && text.includes("EMAIL_NOT_VERIFIED")))
      ) {
        cookies = [...cookies, markCookie(config.authSecret, email, config.secureCookies)];
      }
      if (path.endsWith("/verify-email")) {
        const token = sessionTokenIn(cookies, sessionCookie);
        const found = token ? await context.internalAdapter.findSession(token) : null;
        if (token && found) {
          if (holdsMark(config.authSecret, found.user.email, request.cookies[SIGN_UP_COOKIE])) {
            cookies = [...cookies, clearedMarkCookie(config.secureCookies)];
          } else {
            // Confirmed, but opened in another browser: no session; the owner signs in with the password.
            await context.internalAdapter.deleteSession(token);
            cookies = cookies.filter((c) => !c.startsWith(authCookiePrefix));
            if (location) location = "/signin?verified=1";
          }
        }
      }
      reply.status(response.status);
      for (const cookie of cookies) reply.header("set-cookie", cookie);
      response.headers.forEach((value, key) => {
        if (key !== "set-cookie" && key !== "content-length" && key !== "location") reply.header(key, value);
      });
      if (location) reply.header("location", location);
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

/** The address a sign-up or sign-in names in its body, if any. */
function emailOf(request: FastifyRequest): string | null {
  const body = request.body as { email?: unknown } | undefined;
  return typeof body?.email === "string" ? body.email : null;
}

/** The session token better-auth set in this answer (the part before the signature). */
function sessionTokenIn(cookies: readonly string[], name: string): string | null {
  const cookie = cookies.find((c) => c.startsWith(`${name}=`));
  if (!cookie) return null;
  const value = decodeURIComponent(cookie.slice(name.length + 1).split(";")[0] ?? "");
  return value ? (value.split(".")[0] ?? null) : null;
}
