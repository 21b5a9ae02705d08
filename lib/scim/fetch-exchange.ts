import type { Exchange } from "./exchange.ts";
import { readLimitedBody } from "./read-limited-body.ts";

/**
 * The transport for a caller-supplied fetch (a proxy dispatcher, instrumentation). fetch cannot
 * report connecting apart from waiting, so the connect timeout does not apply here; undici's own
 * 10 s connect limit does.
 */
export function createFetchExchange(fetch: typeof globalThis.fetch): Exchange {
  return async (request) => {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: "manual",
      signal: request.signal,
    });
    request.onHeaders();
    const body = await readLimitedBody(response, request.maxBodyBytes);
    return { status: response.status, headers: response.headers, text: body.ok ? body.text : undefined };
  };
}
