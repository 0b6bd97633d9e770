import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { API_PREFIX } from "./access.ts";
import type { ErrorCode } from "./error-codes.ts";
import { nulCharacter } from "./input-guard.ts";
import { isDocumentedCode } from "./openapi.ts";
import { Problem, problemBody, problemForStatus } from "./problem.ts";

/**
 * The one error handler: known problems keep their status and code, validation failures become
 * `request.invalid` with the failing fields, and anything unexpected is a 500 without detail.
 */
export function installErrorHandler(
  app: FastifyInstance,
  onUndocumentedCode?: (entry: { method: string; url: string; code: ErrorCode }) => void,
) {
  app.setErrorHandler((error: FastifyError | Problem, request, reply) => {
    let problem: Problem;
    if (error instanceof Problem) {
      problem = error;
    } else if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = error.validation.map((v) => ({
        path: `${error.validationContext ?? "body"}${v.instancePath.replaceAll("/", ".")}`,
        message: v.message ?? "invalid",
      }));
      problem = new Problem("request.invalid", "The request has fields that are missing or invalid.", {
        fields,
      });
    } else if (["22021", "22P05"].includes(String((error as { code?: unknown }).code))) {
      // PostgreSQL refuses NUL in text; the input guard stops it first, this is the backstop.
      problem = nulCharacter();
    } else if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, "response did not match its schema");
      problem = new Problem("server.error", "Something went wrong on our side.");
    } else if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
      problem = new Problem("request.too_large", "The request body is too large.");
    } else if (error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
      problem = new Problem("request.media_type", "This content type is not accepted here.");
    } else if (
      error.code === "FST_ERR_CTP_EMPTY_JSON_BODY" ||
      error.code === "FST_ERR_CTP_INVALID_JSON_BODY"
    ) {
      problem = new Problem("request.malformed_json", "The request body is not valid JSON.");
    } else if (error.name === "SyntaxError" && error.statusCode === 400) {
      problem = new Problem("request.malformed_json", "The request body is not valid JSON.");
    } else if (error.statusCode === 429) {
      problem = new Problem("request.rate_limited", "Too many requests. Wait a moment and try again.");
    } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      // Other refusals of the framework or a plugin: the catalogue's code for that status.
      problem = problemForStatus(error.statusCode, error.message);
    } else {
      request.log.error({ err: error }, "unexpected error");
      problem = new Problem("server.error", "Something went wrong on our side.");
    }
    // A request refused before its body was read (401 for a missing key, 413 half-way through a
    // stream): the rest of the body is not worth reading, and a slow sender must not hold the socket.
    if (!request.raw.complete || problem.status === 413 || problem.code === "request.stream_broken") {
      reply.header("connection", "close");
    }
    const url = request.routeOptions.url;
    if (onUndocumentedCode && url?.startsWith(API_PREFIX)) {
      if (!isDocumentedCode(request.routeOptions.schema?.response, problem.code)) {
        onUndocumentedCode({ method: request.method, url, code: problem.code });
      }
    }
    // A refusal that says when to come back (a limit, a busy decoder) says it in the header too.
    if (typeof problem.extra.retryAfter === "number")
      reply.header("retry-after", String(problem.extra.retryAfter));
    // The route's response schema documents its codes; it must not filter them: a code the
    // document does not list yet still reaches the client as itself, not as a 500.
    reply
      .status(problem.status)
      .type("application/problem+json")
      .serializer(JSON.stringify)
      .send(problemBody(problem, request.url.split("?")[0]));
  });
}
