import type { LookupFunction } from "node:net";
import pLimit from "p-limit";
import { BearerToken } from "./bearer-token.ts";
import { patchRequest, replace } from "./build-patch.ts";
import { changeGroupMembers, type MemberChangeOptions, type MemberChangeResult } from "./change-group-members.ts";
import { createExecutor } from "./execute-request.ts";
import { scimGroupSchema, type ScimGroup, type ScimGroupInput } from "./group-resource.ts";
import { parseAnswer } from "./parse-answer.ts";
import { checkedPageSize, createResourceOperations, type CallOptions, type ResourceOperations, type WriteOptions } from "./resource-operations.ts";
import { resolveRetryPolicy, type RetryOptions } from "./retry-policy.ts";
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from "./schema-urns.ts";
import { createTransport, type Timeouts } from "./send-request.ts";
import { createUndiciExchange } from "./undici-exchange.ts";
import { serviceProviderConfigSchema, type ServiceProviderConfig } from "./service-provider-config.ts";
import { scimUserSchema, type ScimUser, type ScimUserInput } from "./user-resource.ts";

export interface ScimClientOptions {
  /** The SCIM base URL, e.g. `https://api.atlassian.com/scim/directory/<id>`. */
  baseUrl: string | URL;
  token: string | BearerToken;
  timeouts?: Partial<Timeouts>;
  /** Answers larger than this are refused. Default 8 MB, far above a page of 100 users. */
  maxBodyBytes?: number;
  /** Requests in flight at once for this client. Default 4: Atlassian publishes no limit, and a few writes per directory stay clear of 429s. */
  concurrency?: number;
  retry?: RetryOptions;
  /** Resources asked for per page when listing. Default 100, Atlassian's maximum. */
  pageSize?: number;
  /**
   * Decides where each new connection may go: called with the host name (or IP literal) and
   * `{ all: true }`, with the signature of `dns.lookup`, once per new connection (kept-alive ones
   * are reused without asking). The connection goes to exactly the addresses it answers with, so
   * what it checked is what is connected to. To refuse, pass an `AddressRefusedError`: the request
   * fails with its message, unsent and not retried.
   */
  lookup?: LookupFunction;
}

export interface UserOperations extends ResourceOperations<ScimUser, ScimUserInput> {
  /**
   * User names are case-insensitive in SCIM, but some servers (SCIMMY) compare them exactly. When
   * nothing matches as given, the lower-case form is tried too, since that is how most
   * directories store them.
   */
  findByUserName(userName: string, options?: CallOptions): Promise<ScimUser | undefined>;
  /** externalId is case-sensitive (RFC 7643 §3.1), so the match is exact. */
  findByExternalId(externalId: string, options?: CallOptions): Promise<ScimUser | undefined>;
}

export interface GroupOperations extends ResourceOperations<ScimGroup, ScimGroupInput> {
  /** Display names are unique regardless of case in Atlassian, so the match ignores case. */
  findByDisplayName(displayName: string, options?: CallOptions): Promise<ScimGroup | undefined>;
  /**
   * Adds members, `chunkSize` (default 100) per PATCH `{"op":"add","path":"members","value":[…]}`,
   * each request with its own retries. Resolves with a result per chunk, also when one fails (a 400
   * past the member cap, a 403 on a group managed outside SCIM…): the chunks after it are not sent.
   * Never replaces the whole list, so members someone else added stay.
   */
  addMembers(id: string, memberIds: readonly string[], options?: MemberChangeOptions): Promise<MemberChangeResult>;
  /** Removes members, `chunkSize` per PATCH, one `remove` of `members[value eq "…"]` per member; results as for addMembers. */
  removeMembers(id: string, memberIds: readonly string[], options?: MemberChangeOptions): Promise<MemberChangeResult>;
  /**
   * A PATCH replace of displayName. Atlassian refuses it (400, kind `badRequest`): a synced group
   * cannot be renamed there, so the caller creates a group with the new name and deletes the old.
   */
  rename(id: string, displayName: string, options?: WriteOptions): Promise<ScimGroup>;
}

export interface ScimClient {
  getServiceProviderConfig(options?: CallOptions): Promise<ServiceProviderConfig>;
  users: UserOperations;
  groups: GroupOperations;
  /**
   * Lets requests in flight finish, then closes the client's kept-alive connections. Calls made
   * after it fail. Not needed before a process exits: idle connections close on their own.
   */
  close(): Promise<void>;
}

const DEFAULT_TIMEOUTS: Timeouts = { connectMs: 5_000, headersMs: 15_000, bodyMs: 15_000, totalMs: 30_000 };

/**
 * A client for one SCIM endpoint. Create one per app and reuse it: it holds the connections that
 * are kept alive between requests and the concurrency limit, both of which only work when shared.
 */
export function createScimClient(options: ScimClientOptions): ScimClient {
  const baseUrl = checkedBaseUrl(options.baseUrl);
  const token = options.token instanceof BearerToken ? options.token : new BearerToken(options.token);
  const concurrency = options.concurrency ?? 4;
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const maxBodyBytes = options.maxBodyBytes ?? 8 * 1024 * 1024;
  const exchange = createUndiciExchange({
    origin: baseUrl.origin,
    connections: concurrency,
    connectMs: timeouts.connectMs,
    headersMs: timeouts.headersMs,
    bodyMs: timeouts.bodyMs,
    maxBodyBytes,
    lookup: options.lookup,
  });
  const send = createTransport({ baseUrl, token, timeouts, maxBodyBytes, exchange });
  const execute = createExecutor(send, pLimit(concurrency), resolveRetryPolicy(options.retry));
  const pageSize = checkedPageSize(options.pageSize ?? 100);

  const { findOne: findUser, ...users } = createResourceOperations<ScimUser, ScimUserInput>(
    { endpoint: "/Users", noun: "user", schema: scimUserSchema, coreSchema: USER_SCHEMA, extensionSchemas: [ENTERPRISE_USER_SCHEMA] },
    execute,
    pageSize,
  );
  const { findOne: findGroup, ...groups } = createResourceOperations<ScimGroup, ScimGroupInput>(
    { endpoint: "/Groups", noun: "group", schema: scimGroupSchema, coreSchema: GROUP_SCHEMA, extensionSchemas: [] },
    execute,
    pageSize,
  );

  return {
    async getServiceProviderConfig(callOptions = {}) {
      const answer = await execute({ method: "GET", path: "/ServiceProviderConfig" }, { idempotent: true, onAttempt: callOptions.onAttempt });
      return parseAnswer(serviceProviderConfigSchema, answer.json, { expected: "service provider configuration", method: "GET", url: answer.url });
    },
    users: {
      ...users,
      async findByUserName(userName, callOptions) {
        const matches = (user: ScimUser) => user.userName.toLowerCase() === userName.toLowerCase();
        const found = await findUser("userName", userName, matches, callOptions);
        const lowerCase = userName.toLowerCase();
        return found ?? (lowerCase === userName ? undefined : findUser("userName", lowerCase, matches, callOptions));
      },
      findByExternalId: (externalId, callOptions) => findUser("externalId", externalId, (user) => user.externalId === externalId, callOptions),
    },
    groups: {
      ...groups,
      findByDisplayName: (displayName, callOptions) =>
        findGroup("displayName", displayName, (group) => group.displayName.toLowerCase() === displayName.toLowerCase(), callOptions),
      addMembers: async (id, memberIds, callOptions) => changeGroupMembers(execute, groupPath(id), "add", memberIds, callOptions),
      removeMembers: async (id, memberIds, callOptions) => changeGroupMembers(execute, groupPath(id), "remove", memberIds, callOptions),
      rename: async (id, displayName, callOptions) => {
        if (displayName.trim() === "") throw new TypeError("A group's new name cannot be empty.");
        return groups.patch(id, patchRequest(replace("displayName", displayName)), callOptions);
      },
    },
    close: () => exchange.close(),
  };
}

function groupPath(id: string): string {
  // An empty id would turn the PATCH into one on the whole collection.
  if (id.trim() === "") throw new TypeError("The group id is empty.");
  return `/Groups/${encodeURIComponent(id)}`;
}

function checkedBaseUrl(input: string | URL): URL {
  const url = URL.parse(String(input));
  // Credentials or a query in the base URL would travel in every request and into error messages.
  if (!url || !/^https?:$/.test(url.protocol) || url.username || url.password || url.search || url.hash) {
    throw new TypeError(
      "The Sync endpoint must be a plain http(s) address without a user name, password or query, like https://api.atlassian.com/scim/directory/<id>.",
    );
  }
  return url;
}
