import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { handleAdmin } from "./admin-endpoint.ts";
import type { Directory } from "./directory.ts";
import { handleDiscovery } from "./discovery-endpoint.ts";
import type { FaultInjector } from "./fault-injector.ts";
import { handleGroups } from "./groups-endpoint.ts";
import { errorBody, readJsonBody, sendJson, sendJsonSlowly } from "./http-replies.ts";
import type { RequestStats } from "./request-stats.ts";
import type { ScimReply } from "./scim-exchange.ts";
import { ScimProblem } from "./scim-problem.ts";
import type { ServerQuirks } from "./server-quirks.ts";
import { handleUsers } from "./users-endpoint.ts";

export interface SandboxContext {
  directoryId: string;
  token: string;
  adminToken: string;
  directory: Directory;
  faults: FaultInjector;
  quirks: ServerQuirks;
  stats: RequestStats;
  /** Filled in once the server listens and its port is known. */
  origin: string;
  quiet: boolean;
  onChange(): void;
}

const ADMIN_PREFIX = "/__sandbox/";
const SCIM_PREFIX = "/scim/directory/";
const DISCOVERY = new Set(["ServiceProviderConfig", "Schemas", "ResourceTypes"]);

export function createRequestHandler(context: SandboxContext) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const method = request.method ?? "GET";
    const url = new URL(request.url ?? "/", "http://sandbox");
    const startedAt = performance.now();
    const isScim = url.pathname.startsWith(SCIM_PREFIX);
    response.on("finish", () => {
      if (isScim) context.stats.record(method, response.statusCode);
      if (!context.quiet) console.log(`${method} ${url.pathname} ${response.statusCode} ${(performance.now() - startedAt).toFixed(1)} ms`);
    });

    try {
      if (url.pathname.startsWith(ADMIN_PREFIX)) {
        if (!hasBearer(request, context.adminToken)) return sendJson(response, 401, { error: "Unauthorized", traceId: traceId() });
        const reply = handleAdmin(method, url.pathname.slice(ADMIN_PREFIX.length), await readJsonBody(request), adminContext(context));
        return sendJson(response, reply.status, reply.body);
      }
      if (!isScim) throw new ScimProblem(404, `Nothing lives at ${url.pathname}; the SCIM API is under ${SCIM_PREFIX}<directoryId>.`);
      await serveScim(request, response, url, context);
    } catch (error) {
      if (error instanceof ScimProblem) return sendJson(response, error.status, errorBody(error.status, error.detail, error.scimType));
      // A client that gave up (its own timeout) is not the sandbox failing.
      if (request.destroyed || response.destroyed) return;
      console.error("The sandbox failed on", method, url.pathname, error);
      if (!response.headersSent) sendJson(response, 500, errorBody(500, "The sandbox failed; see its log."));
    }
  };
}

async function serveScim(request: IncomingMessage, response: ServerResponse, url: URL, context: SandboxContext): Promise<void> {
  const method = request.method ?? "GET";
  // Faults come first, as they would from a gateway in front of the real service.
  const { delayMs, outcome } = context.faults.next(method);
  if (delayMs > 0) {
    context.stats.recordFault("delayed");
    await sleep(delayMs);
  }
  if (outcome.kind === "hang") {
    context.stats.recordFault("hang");
    if (outcome.forMs === undefined) return;
    await sleep(outcome.forMs);
  }
  if (outcome.kind === "status") {
    context.stats.recordFault(String(outcome.status));
    const headers: Record<string, string> = outcome.retryAfterSeconds === undefined ? {} : { "retry-after": String(outcome.retryAfterSeconds) };
    return sendJson(response, outcome.status, errorBody(outcome.status, "Injected by the sandbox."), headers);
  }

  // Atlassian answers a missing or wrong key with this non-SCIM body.
  if (!hasBearer(request, context.token)) return sendJson(response, 401, { error: "Unauthorized", traceId: traceId() });

  const [directoryId, endpoint, id, ...extra] = url.pathname.slice(SCIM_PREFIX.length).split("/").map(decodeURIComponent);
  if (directoryId !== context.directoryId) throw new ScimProblem(404, `Directory ${directoryId} not found`);
  const baseUrl = `${context.origin}${SCIM_PREFIX}${directoryId}`;
  if (endpoint === undefined || extra.length > 0 || id === "") throw new ScimProblem(404, `Nothing lives at ${url.pathname}.`);

  const call = { method, id, query: url.searchParams, body: await readJsonBody(request), baseUrl, now: new Date() };
  let reply: ScimReply;
  if (endpoint === "Users") reply = handleUsers(call, context.directory, context.quirks);
  else if (endpoint === "Groups") reply = handleGroups(call, context.directory, context.quirks);
  else if (DISCOVERY.has(endpoint)) reply = handleDiscovery(method, endpoint, id, baseUrl);
  else throw new ScimProblem(404, `There is no /${endpoint} endpoint.`);

  if (method !== "GET") context.onChange();
  if (outcome.kind === "slowBody") {
    context.stats.recordFault("slowBody");
    return sendJsonSlowly(response, reply.status, reply.body, outcome.chunkDelayMs, reply.headers);
  }
  sendJson(response, reply.status, reply.body, reply.headers);
}

/** Compares digests so the comparison takes the same time whatever the token's length or content. */
function hasBearer(request: IncomingMessage, token: string): boolean {
  const header = request.headers.authorization ?? "";
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(header), digest(`Bearer ${token}`));
}

function traceId(): string {
  return randomBytes(8).toString("hex");
}

function adminContext(context: SandboxContext) {
  return { ...context, baseUrl: `${context.origin}${SCIM_PREFIX}${context.directoryId}` };
}
