import type { LookupFunction } from "node:net";
import pLimit from "p-limit";
import { BearerToken } from "./bearer-token.ts";
import { createExecutor } from "./execute-request.ts";
import { scimGroupSchema, type ScimGroup, type ScimGroupInput } from "./group-resource.ts";
import { parseAnswer } from "./parse-answer.ts";
import { checkedPageSize, createResourceOperations, type CallOptions, type ResourceOperations } from "./resource-operations.ts";
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
  findByDisplayName(displayName: string, options?: CallOptions): Promise<ScimGroup | undefined>;
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
    },
    close: () => exchange.close(),
  };
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
