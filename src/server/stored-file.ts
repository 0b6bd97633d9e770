import type { FastifyReply } from "fastify";

/**
 * Sends a file someone uploaded (a proof, a photo) as the page that shows it expects: inline,
 * never cached, and unable to run anything even if its bytes were made to look like a page.
 * `cacheControl` replaces "never cached" for a public file whose bytes never change for its address.
 */
export function sendStoredFile(
  reply: FastifyReply,
  file: { bytes: Uint8Array; mediaType: string; name: string },
  { cacheControl = "private, no-store" }: { cacheControl?: string } = {},
): FastifyReply {
  return (
    reply
      .type(file.mediaType)
      .header("content-disposition", `inline; filename="${encodeURIComponent(file.name)}"`)
      .header("cache-control", cacheControl)
      // Shown inside our own pages only, and never able to run anything.
      .header(
        "content-security-policy",
        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'self'",
      )
      .header("x-frame-options", "SAMEORIGIN")
      .send(Buffer.from(file.bytes))
  );
}
