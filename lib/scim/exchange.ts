import type { EventEmitter } from "node:events";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** One HTTP request and its answer, below SCIM: how the bytes travel is the exchange's business. */
export interface ExchangeRequest {
  /** Relative to the exchange's origin, query string included. */
  path: string;
  method: HttpMethod;
  headers: Record<string, string>;
  body?: string;
  /**
   * Aborts the request wherever it is (connecting, waiting, reading the body) when it emits "abort". An
   * EventEmitter, not an AbortSignal: one is made per request, and an AbortController costs several times more.
   */
  signal: EventEmitter;
}

/** Reads one response header, case-insensitively. */
export interface HeaderReader {
  get(name: string): string | null;
}

export interface RawAnswer {
  status: number;
  headers: HeaderReader;
  text: string;
}

export interface Exchange {
  /**
   * Rejects with the transport's own error when there is no complete answer: a network failure,
   * one of its timeouts (its `code` says which), an answer past the size limit, or its abort error.
   */
  send(request: ExchangeRequest): Promise<RawAnswer>;
  /** Lets in-flight requests finish, then closes every kept-alive connection; later sends fail. */
  close(): Promise<void>;
}
