export type LimitedBody = { ok: true; text: string } | { ok: false; reason: "tooLarge" };

/**
 * Reads a response body as text, but stops and closes the connection as soon as it passes
 * `maxBytes`: a misconfigured URL can point at a large file, and buffering it all first would let
 * one bad answer exhaust the worker's memory.
 */
export async function readLimitedBody(response: Response, maxBytes: number): Promise<LimitedBody> {
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    return { ok: false, reason: "tooLarge" };
  }
  if (!response.body) return { ok: true, text: "" };

  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel();
      return { ok: false, reason: "tooLarge" };
    }
    chunks.push(value);
  }
  return { ok: true, text: new TextDecoder().decode(Buffer.concat(chunks)) };
}
