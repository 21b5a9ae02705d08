/** One HTTP request and its answer, below SCIM: how the bytes travel is the exchange's business. */
export interface ExchangeRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  maxBodyBytes: number;
  /** Called when a new connection starts (not when a kept-alive one is reused), if the exchange can tell. */
  onConnecting(): void;
  onConnected(): void;
  onHeaders(): void;
}

/** Reads one response header, case-insensitively; `Headers` fits, and so does a thin view over node:http's headers. */
export interface HeaderReader {
  get(name: string): string | null;
}

export interface RawAnswer {
  status: number;
  headers: HeaderReader;
  /** Undefined when the body passed `maxBodyBytes`; reading stopped there and the connection was closed. */
  text: string | undefined;
}

export type Exchange = (request: ExchangeRequest) => Promise<RawAnswer>;
