import { FILE_CONTENT_SECURITY_POLICY } from "./security-headers";

/**
 * A file anyone may fetch (IdP metadata, a signing certificate): never cached without asking again, and under the
 * file policy, so a browser that opens it runs nothing in it.
 */
export function publicFileResponse(body: string, { type, disposition }: { type: string; disposition: string }): Response {
  return new Response(body, {
    headers: {
      "content-type": type,
      "content-disposition": disposition,
      "cache-control": "no-cache",
      "content-security-policy": FILE_CONTENT_SECURITY_POLICY,
    },
  });
}

/** A 404 in plain words for a public file's address, saying where to find the right one. */
export function publicFileNotFound(words: string): Response {
  return new Response(words, {
    status: 404,
    headers: { "content-type": "text/plain; charset=utf-8", "content-security-policy": FILE_CONTENT_SECURITY_POLICY },
  });
}
