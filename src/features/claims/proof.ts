import { MAX_PROOF_BYTES, MAX_PROOF_PIXELS, type ProofType, readProof } from "../../domain/proof-file.ts";
import type { ErrorCode } from "../../server/error-codes.ts";
import type { Upload } from "../../server/multipart-form.ts";
import { Problem } from "../../server/problem.ts";

/** An uploaded proof, checked and cleaned: ready to be stored. */
export interface PreparedProof {
  type: ProofType;
  bytes: Uint8Array;
  name: string;
}

export const proofTooLarge = () => new Problem("claim.file_too_large", "The file is larger than 10 MB.");

/**
 * Checks and cleans an uploaded proof: its real type from the content, metadata taken out, all in
 * one reading of the file. A file sent without a name is called "proof".
 */
export function prepareProof(upload: Upload): PreparedProof {
  if (upload.bytes.length > MAX_PROOF_BYTES) throw proofTooLarge();
  const proof = readProof(upload.bytes);
  if (!proof) {
    throw new Problem(
      "claim.file_type",
      "The file is not a PDF, JPEG, PNG, HEIC or WebP file (judged by its content).",
    );
  }
  const { size } = proof;
  if (size && size.width * size.height > MAX_PROOF_PIXELS) {
    throw new Problem("claim.too_many_pixels", `The picture has more than ${MAX_PROOF_PIXELS} pixels.`, {
      width: size.width,
      height: size.height,
    });
  }
  return {
    type: proof.type,
    bytes: proof.bytes,
    name: upload.name.replace(/[^\p{L}\p{N} ._-]/gu, "_").slice(0, 120) || "proof",
  };
}

/** What reading a multipart form with a proof file can answer. */
export const PROOF_FORM_CODES = [
  "request.malformed_multipart",
  "request.stream_broken",
  "request.too_many_parts",
  "request.too_large",
  "request.media_type",
  "claim.file_too_large",
  "claim.too_many_pixels",
  "claim.file_type",
] as const satisfies readonly ErrorCode[];

/** A browser sends a file field left empty as a part with no name and no bytes: no file was chosen. */
export const chosenFile = (file: Upload | null): Upload | null =>
  file && (file.name !== "" || file.bytes.length > 0) ? file : null;
