import type { Socket } from "node:net";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { Problem, problemBody, TITLES } from "./problem.ts";

/**
 * Errors that Fastify's router raises before any route runs (a malformed percent-escape, a path
 * parameter past its length limit), answered as problem documents like every other error.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const problem =
    error.code === "FST_ERR_MAX_PARAM_LENGTH"
      ? new Problem("request.uri_too_long", "A part of this address is too long.")
      : error.code === "FST_ERR_BAD_URL"
        ? new Problem("request.bad_url", "This address is not valid: check its percent-escapes.")
        : new Problem("server.error", "Something went wrong on our side.");
  if (problem.status === 500) request.log.error({ err: error }, "router error");
  reply
    .status(problem.status)
    .type("application/problem+json")
    .send(problemBody(problem, request.url.split("?")[0]?.slice(0, 200)));
}

/**
 * Errors Node's HTTP parser finds before there is a request at all (headers too large, a broken
 * request line, a client too slow): a problem document written to the socket, then closed.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const problem =
    error.code === "HPE_HEADER_OVERFLOW"
      ? new Problem("request.headers_too_large", "The request headers are too large.")
      : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? new Problem("request.timeout", "The request took too long to arrive.")
        : new Problem("request.malformed", "This is not a well-formed HTTP request.");
  const body = JSON.stringify(problemBody(problem));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${problem.status} ${TITLES[problem.status]}\r\n` +
        `Content-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
