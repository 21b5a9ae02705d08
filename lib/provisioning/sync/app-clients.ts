import "server-only";
import pThrottle from "p-throttle";
import type { ScimClient } from "../../scim";
import { readEnv } from "../../env";
import { openScimClient } from "../connections/open-scim-client";
import { decryptSecret } from "../secrets/encrypt-secret";

/** What opening an app's client reads of the app: select this (with the app's id) to pass the row to userCallsFor. */
export const APP_CONNECTION_SELECT = {
  id: true,
  baseUrl: true,
  tokenCiphertext: true,
  tokenUpdatedAt: true,
  maxConcurrency: true,
  maxRequestsPerSecond: true,
} as const;

export interface AppConnection {
  id: string;
  baseUrl: string | null;
  tokenCiphertext: string | null;
  tokenUpdatedAt: Date | null;
  maxConcurrency: number;
  maxRequestsPerSecond: number;
}

export type UserCalls = Pick<ScimClient["users"], "create" | "get" | "replace" | "patch" | "delete" | "findByUserName" | "findByExternalId" | "listPage">;

export type GroupCalls = Pick<ScimClient["groups"], "create" | "get" | "delete" | "findByDisplayName" | "addMembers" | "removeMembers" | "rename" | "list">;

interface Entry {
  fingerprint: string;
  users: UserCalls;
  groups: GroupCalls;
}

/**
 * One SCIM client per app and process, reused so connections stay alive and
 * the app's limits hold across jobs: at most `maxConcurrency` requests in
 * flight and `maxRequestsPerSecond` started per second. A new endpoint, token
 * or limit makes a new client.
 */
const clients = new Map<string, Entry>();

export function userCallsFor(app: AppConnection): UserCalls {
  return clientFor(app).users;
}

/** The app's group calls, on the same client (connections, concurrency and rate limit) as its user calls. */
export function groupCallsFor(app: AppConnection): GroupCalls {
  return clientFor(app).groups;
}

function clientFor(app: AppConnection): Entry {
  if (!app.baseUrl || !app.tokenCiphertext) throw new Error("The app has no Sync endpoint or token.");
  const fingerprint = [app.baseUrl, app.tokenUpdatedAt?.toISOString(), app.maxConcurrency, app.maxRequestsPerSecond].join("|");
  const cached = clients.get(app.id);
  if (cached?.fingerprint === fingerprint) return cached;

  const client = openScimClient({
    baseUrl: app.baseUrl,
    token: decryptSecret(app.tokenCiphertext, app.id).reveal(),
    concurrency: app.maxConcurrency,
    timeouts: { totalMs: readEnv("ROSTER_SCIM_TIMEOUT_MS"), headersMs: readEnv("ROSTER_SCIM_TIMEOUT_MS") },
  });
  const throttle = pThrottle({ limit: app.maxRequestsPerSecond, interval: 1000 });
  const users: UserCalls = {
    create: throttle(client.users.create),
    get: throttle(client.users.get),
    replace: throttle(client.users.replace),
    patch: throttle(client.users.patch),
    delete: throttle(client.users.delete),
    findByUserName: throttle(client.users.findByUserName),
    findByExternalId: throttle(client.users.findByExternalId),
    listPage: throttle(client.users.listPage),
  };
  // A member change is one request per chunk, throttled like any other request.
  const groups: GroupCalls = {
    create: throttle(client.groups.create),
    get: throttle(client.groups.get),
    delete: throttle(client.groups.delete),
    findByDisplayName: throttle(client.groups.findByDisplayName),
    addMembers: throttle(client.groups.addMembers),
    removeMembers: throttle(client.groups.removeMembers),
    rename: throttle(client.groups.rename),
    // A listing's pages share the client's concurrency limit; it is only the last resort after a 409.
    list: client.groups.list,
  };
  const entry = { fingerprint, users, groups };
  clients.set(app.id, entry);
  return entry;
}
