import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { ERROR } from "./schema-urns.ts";
import { ScimProblem } from "./scim-problem.ts";

const SCIM_JSON = "application/scim+json; charset=utf-8";
const MAX_REQUEST_BYTES = 1024 * 1024;
const SLOW_SLICE_BYTES = 64;

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (body === undefined) {
    response.writeHead(status, headers).end();
    return;
  }
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": SCIM_JSON, "content-length": String(Buffer.byteLength(text)), ...headers }).end(text);
}

/** Sends the body a few bytes at a time, for clients whose whole-request timeout needs testing. */
export async function sendJsonSlowly(
  response: ServerResponse,
  status: number,
  body: unknown,
  pauseMs: number,
  headers: Record<string, string> = {},
): Promise<void> {
  const bytes = Buffer.from(body === undefined ? "" : JSON.stringify(body));
  response.writeHead(status, { "content-type": SCIM_JSON, "content-length": String(bytes.byteLength), ...headers });
  for (let offset = 0; offset < bytes.byteLength && !response.destroyed; offset += SLOW_SLICE_BYTES) {
    response.write(bytes.subarray(offset, offset + SLOW_SLICE_BYTES));
    await sleep(pauseMs);
  }
  response.end();
}

export function errorBody(status: number, detail: string, scimType?: string): Record<string, unknown> {
  return { schemas: [ERROR], status: String(status), ...(scimType ? { scimType } : {}), detail };
}

/** Reads and parses a JSON body; SCIM clients may label it application/scim+json or application/json. */
export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > MAX_REQUEST_BYTES) throw new ScimProblem(413, "The request body is larger than 1 MB.");
    chunks.push(chunk);
  }
  if (size === 0) return undefined;
  const contentType = request.headers["content-type"] ?? "";
  if (!/^application\/(scim\+)?json\b/i.test(contentType)) {
    throw new ScimProblem(415, "Send the body as application/scim+json or application/json.");
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new ScimProblem(400, "The request body is not valid JSON.", "invalidSyntax");
  }
}
