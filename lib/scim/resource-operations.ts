import type { z } from "zod";
import { eq } from "./build-filter.ts";
import type { PatchRequest } from "./build-patch.ts";
import { listAllPages } from "./list-all-pages.ts";
import { listResponseSchema, type ListPage } from "./list-response.ts";
import { parseAnswer } from "./parse-answer.ts";
import type { AttemptReport, ExecuteRequest } from "./execute-request.ts";

/** For any call: the last, optional argument of every operation. */
export interface CallOptions {
  /**
   * Called once for every HTTP attempt the call makes, right after it succeeds or fails, retries
   * included: attempt n of m, method, path, status, how long that attempt took, and whether the
   * client will try again. It lets a caller log each attempt, since the client retries inside the
   * call. A call that makes more than one request (a PATCH read back with GET, a user name tried
   * as given and in lower case, the pages of a list) reports each request's attempts, each
   * numbered from 1. It should not throw; whatever it throws is ignored.
   */
  onAttempt?: (attempt: AttemptReport) => void;
}

export interface ListOptions extends CallOptions {
  /** A SCIM filter, best built with `scimFilter`. Atlassian supports only `eq` on a few attributes. */
  filter?: string;
  /** Resources asked for per page; the server may return fewer. Defaults to the client's pageSize. */
  pageSize?: number;
  /** Resources the listing may claim or deliver before it fails with a plain error. Defaults to MAX_LISTED_RESOURCES. */
  maxResources?: number;
}

/** For a write to a resource by id. */
export interface WriteOptions extends CallOptions {
  /**
   * Retries of a 5xx answer, at most (default: the client's retries). For a caller that checks
   * for itself what a 5xx meant, with a GET of the resource: some servers answer 500, not 404,
   * for a resource that no longer exists, and retrying that through the full backoff only waits.
   */
  serverErrorRetries?: number;
}

export interface ResourceOperations<R extends { id: string }, I> {
  get(id: string, options?: CallOptions): Promise<R>;
  create(resource: I, options?: CallOptions): Promise<R>;
  /**
   * PUT replaces the whole resource: attributes left out are cleared (Atlassian says so
   * explicitly). Always send the complete desired resource, never just the changed fields.
   */
  replace(id: string, resource: I, options?: WriteOptions): Promise<R>;
  /** Returns the resource after the change; when the server answers 204, it is read back. */
  patch(id: string, request: PatchRequest, options?: WriteOptions): Promise<R>;
  /** A 404 after a retried attempt counts as done: the first attempt deleted it. */
  delete(id: string, options?: WriteOptions): Promise<void>;
  /** Every resource, page after page: `for await (const user of client.users.list())`. */
  list(options?: ListOptions): AsyncGenerator<R>;
  listPage(startIndex: number, count: number, filter?: string, options?: CallOptions): Promise<ListPage<R>>;
}

export interface ResourceDefinition<R extends { id: string }> {
  endpoint: "/Users" | "/Groups";
  noun: "user" | "group";
  schema: z.ZodType<R>;
  /** `schemas` sent when the caller leaves it out: the core URN, plus any extension URN used as a key. */
  coreSchema: string;
  extensionSchemas: readonly string[];
}

// A lookup by a unique attribute matches at most one resource; a few more catch servers that ignore the filter.
const LOOKUP_COUNT = 10;

export function createResourceOperations<R extends { id: string }, I extends object>(
  definition: ResourceDefinition<R>,
  execute: ExecuteRequest,
  defaultPageSize: number,
): ResourceOperations<R, I> & {
  findOne(attribute: string, value: string, matches: (resource: R) => boolean, options?: CallOptions): Promise<R | undefined>;
} {
  const { endpoint, noun, schema } = definition;
  const pathOf = (id: string) => `${endpoint}/${encodeURIComponent(checkedId(id, noun))}`;

  const get = async (id: string, options: CallOptions = {}): Promise<R> => {
    const path = pathOf(id);
    const answer = await execute({ method: "GET", path }, { idempotent: true, onAttempt: options.onAttempt });
    return parseAnswer(schema, answer.json, { expected: noun, method: "GET", url: answer.url });
  };

  const listPage = async (startIndex: number, count: number, filter?: string, options: CallOptions = {}): Promise<ListPage<R>> => {
    const answer = await execute({ method: "GET", path: endpoint, query: { filter, startIndex, count } }, { idempotent: true, onAttempt: options.onAttempt });
    const context = { method: "GET", url: answer.url };
    const list = parseAnswer(listResponseSchema, answer.json, { ...context, expected: `list of ${noun}s` });
    const resources = (list.Resources ?? []).map((item, index) =>
      parseAnswer(schema, item, { ...context, expected: `${noun} (item ${index + 1} of the page)` }),
    );
    return { totalResults: list.totalResults, startIndex, resources };
  };

  const write = async (method: "POST" | "PUT", path: string, resource: I, options: WriteOptions = {}): Promise<R> => {
    const answer = await execute(
      { method, path, body: withSchemas(resource, definition) },
      { idempotent: method === "PUT", serverErrorRetries: options.serverErrorRetries, onAttempt: options.onAttempt },
    );
    return parseAnswer(schema, answer.json, { expected: noun, method, url: answer.url });
  };

  return {
    get,
    listPage,
    create: (resource, options) => write("POST", endpoint, resource, { onAttempt: options?.onAttempt }),
    replace: (id, resource, options) => write("PUT", pathOf(id), resource, options),

    async patch(id, request, options = {}) {
      const path = pathOf(id);
      // Not strictly idempotent (an "add" to a list), but repeating one yields the same state on every server we know.
      const answer = await execute(
        { method: "PATCH", path, body: request },
        { idempotent: true, serverErrorRetries: options.serverErrorRetries, onAttempt: options.onAttempt },
      );
      if (answer.json === undefined) return get(id, { onAttempt: options.onAttempt });
      return parseAnswer(schema, answer.json, { expected: noun, method: "PATCH", url: answer.url });
    },

    async delete(id, options = {}) {
      await execute(
        { method: "DELETE", path: pathOf(id) },
        { idempotent: true, notFoundOnRetryIsSuccess: true, serverErrorRetries: options.serverErrorRetries, onAttempt: options.onAttempt },
      );
    },

    list(options = {}) {
      const pageSize = checkedPageSize(options.pageSize ?? defaultPageSize);
      return listAllPages((startIndex, count) => listPage(startIndex, count, options.filter, { onAttempt: options.onAttempt }), pageSize, {
        noun: `${noun}s`,
        maxResources: options.maxResources,
      });
    },

    /** The resource whose `attribute` equals `value`, checked on our side too: a server that ignores the filter must not hand us the wrong one. */
    async findOne(attribute, value, matches, options) {
      const page = await listPage(1, LOOKUP_COUNT, eq(attribute, value), options);
      return page.resources.find(matches);
    },
  };
}

function withSchemas<I extends object>(resource: I, definition: ResourceDefinition<{ id: string }>): I {
  if ("schemas" in resource && Array.isArray(resource.schemas)) return resource;
  const extensions = definition.extensionSchemas.filter((urn) => urn in resource);
  return { schemas: [definition.coreSchema, ...extensions], ...resource };
}

function checkedId(id: string, noun: string): string {
  // An empty id would turn "DELETE /Users/{id}" into a request on the whole collection.
  if (id.trim() === "") throw new TypeError(`The ${noun} id is empty.`);
  return id;
}

export function checkedPageSize(pageSize: number): number {
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new TypeError(`The page size must be a whole number of at least 1, not ${pageSize}.`);
  return pageSize;
}
