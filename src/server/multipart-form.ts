import type { FastifyRequest } from "fastify";
import { holdsNul, nulCharacter } from "./input-guard.ts";
import { Problem } from "./problem.ts";

/** An uploaded file, read whole (the multipart plugin bounds its size). */
export interface Upload {
  bytes: Uint8Array;
  /** The file name the client sent; "" when its part had none. */
  name: string;
}

/**
 * Reads a multipart form: its text fields and its file (the plugin's limits allow one). Every way
 * a form can be wrong is a 4xx with a code: no boundary, a truncated part, too many parts, a file
 * too large (`fileTooLarge`, worded by the route), a NUL character in a field or a file name.
 * `maxFileBytes` lowers the plugin's file limit for a route that takes less: reading stops there.
 *
 * @example
 * const { fields, file } = await readMultipartForm(request, () => new Problem("claim.file_too_large", "…"));
 * await readMultipartForm(request, imageTooLarge, { maxFileBytes: 5 * 1024 * 1024 });
 */
export async function readMultipartForm(
  request: FastifyRequest,
  fileTooLarge: () => Problem,
  { maxFileBytes }: { maxFileBytes?: number } = {},
): Promise<{ fields: Record<string, string>; file: Upload | null }> {
  const fields: Record<string, string> = {};
  let file: Upload | null = null;
  try {
    // The plugin merges these over its own limits (parts, files, fields stay as registered).
    const parts =
      maxFileBytes === undefined ? request.parts() : request.parts({ limits: { fileSize: maxFileBytes } });
    for await (const part of parts) {
      // A file part may come without a file name (Node's FormData sends a file named "" so): the
      // plugin's type says string, but the parser leaves it undefined.
      if (part.type === "file")
        file = { bytes: new Uint8Array(await part.toBuffer()), name: part.filename ?? "" };
      else fields[part.fieldname] = String(part.value);
    }
  } catch (error) {
    throw formProblem(error, fileTooLarge);
  }
  if (holdsNul(fields) || holdsNul(file?.name ?? "")) throw nulCharacter();
  return { fields, file };
}

function formProblem(error: unknown, fileTooLarge: () => Problem): Problem {
  if (error instanceof Problem) return error;
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case "FST_REQ_FILE_TOO_LARGE":
      return fileTooLarge();
    case "FST_INVALID_MULTIPART_CONTENT_TYPE":
      return new Problem("request.media_type", "Send this as multipart/form-data.");
    case "FST_PARTS_LIMIT":
    case "FST_FILES_LIMIT":
    case "FST_FIELDS_LIMIT":
      return new Problem(
        "request.too_many_parts",
        "The form has more fields or files than this request takes.",
      );
    case "FST_MP_PREMATURE_CLOSE":
      return new Problem("request.stream_broken", "The request body broke off before its end.");
    default:
      // The form parser's own errors (no boundary, a truncated or malformed part) are plain Errors.
      return new Problem(
        "request.malformed_multipart",
        "The form could not be read: it is not well-formed multipart/form-data.",
      );
  }
}
