import "server-only";
import { createScimClient, type ScimClient, type ScimClientOptions } from "../../scim";
import { guardedLookup, targetPort } from "./guard-scim-target";

/** Everything a SCIM client takes except how it connects: that is always through the guard. */
export type AppScimClientOptions = Omit<ScimClientOptions, "lookup">;

/**
 * The only way Roster opens a SCIM client for an app (authorize, sync,
 * Provision now, import): each new connection resolves the Sync endpoint's
 * host through `guardedLookup` and goes only to the addresses it checked.
 * The layering lint forbids `createScimClient` everywhere else.
 */
export function openScimClient(options: AppScimClientOptions): ScimClient {
  // Spelled out rather than spread, so that a `lookup` smuggled in through a cast cannot reach the client.
  const { baseUrl, token, timeouts, maxBodyBytes, concurrency, retry, pageSize } = options;
  return createScimClient({ baseUrl, token, timeouts, maxBodyBytes, concurrency, retry, pageSize, lookup: guardedLookup(targetPort(baseUrl)) });
}
