import "server-only";
import { AppError } from "../../app-error";
import { db } from "../../db";
import { ADDRESS_REFUSED, isScimError, type ScimClient } from "../../scim";
import { openScimClient } from "../connections/open-scim-client";
import { decryptSecret, SecretUnreadableError } from "../secrets/encrypt-secret";
import { recordAppChange, type AppWriteContext } from "./app-audit";

/** What the server said it supports, kept on the app and shown after authorizing. */
export interface ServerCapabilities {
  patch: boolean | null;
  filter: boolean | null;
  maxResults: number | null;
  etag: boolean | null;
  bulk: boolean | null;
  totalUsers: number | null;
  serviceProviderConfig: boolean;
}

export type AuthorizeResult = { ok: true; capabilities: ServerCapabilities } | { ok: false; problem: string; advice: string };

/** Plain words for why the check failed, and what the admin should do about it. */
function explain(error: unknown, baseUrl: string): { problem: string; advice: string } {
  if (error instanceof SecretUnreadableError) return { problem: error.message, advice: "Paste the SCIM token again in the Configure step." };
  if (!isScimError(error)) throw error;
  const host = new URL(baseUrl).host;
  if (error.code === ADDRESS_REFUSED) return { problem: error.message, advice: "Check the Sync endpoint." };
  switch (error.kind) {
    case "unreachable":
      return { problem: error.message, advice: `Check the host name (${host}) in the Sync endpoint, and that the app is up.` };
    case "tls":
      return { problem: error.message, advice: "Check the address, or ask the app's administrator about its certificate." };
    case "timeout":
      return { problem: error.message, advice: "Try again in a minute; if it keeps happening, check the Sync endpoint." };
    case "unauthorized":
      return {
        problem: `The app refused the SCIM token (HTTP ${error.status ?? 401})${error.traceId ? `, trace id ${error.traceId}` : ""}.`,
        advice: "The token is wrong, expired or was regenerated. Create a new one in the app and paste it in the Configure step.",
      };
    case "notFound":
      return {
        problem: `Nothing was found at ${baseUrl} (HTTP 404).`,
        advice: "The path looks wrong. Copy the SCIM base URL from the app again; for Atlassian it ends in /scim/directory/<directory id>.",
      };
    case "invalidResponse":
      return { problem: error.message, advice: "Check that the Sync endpoint is the SCIM base URL, not the app's web address." };
    case "rateLimited":
      return { problem: "The app is limiting requests right now.", advice: "Wait a minute and authorize again." };
    default:
      return { problem: error.message, advice: "Check the Sync endpoint and the token, then try again." };
  }
}

async function probe(client: ScimClient): Promise<ServerCapabilities> {
  let config: Awaited<ReturnType<ScimClient["getServiceProviderConfig"]>> | null = null;
  try {
    config = await client.getServiceProviderConfig();
  } catch (error) {
    // Some servers leave discovery out; the /Users query below still proves the endpoint.
    if (!isScimError(error) || error.kind !== "notFound") throw error;
  }
  const page = await client.users.listPage(1, 1);
  return {
    patch: config?.patch?.supported ?? null,
    filter: config?.filter?.supported ?? null,
    maxResults: config?.filter?.maxResults ?? null,
    etag: config?.etag?.supported ?? null,
    bulk: config?.bulk?.supported ?? null,
    totalUsers: page.totalResults ?? null,
    serviceProviderConfig: config !== null,
  };
}

/**
 * Proves the endpoint and token work with real requests (ServiceProviderConfig,
 * then a one-result /Users query) and records the outcome. Nothing is written
 * to the app.
 */
export async function authorizeApp(appId: string, context: AppWriteContext): Promise<AuthorizeResult> {
  const app = await db.app.findFirst({
    where: { id: appId, organizationId: context.organizationId },
    select: { id: true, name: true, baseUrl: true, tokenCiphertext: true },
  });
  if (!app) throw new AppError("not_found", "This app no longer exists.");
  if (!app.baseUrl || !app.tokenCiphertext) throw new AppError("invalid_input", "Enter the Sync endpoint and SCIM token first.");

  let outcome: AuthorizeResult;
  try {
    const client = openScimClient({
      baseUrl: app.baseUrl,
      token: decryptSecret(app.tokenCiphertext, app.id).reveal(),
      timeouts: { connectMs: 5_000, headersMs: 10_000, totalMs: 15_000 },
      retry: { retries: 1 },
      concurrency: 1,
    });
    outcome = { ok: true, capabilities: await probe(client) };
  } catch (error) {
    outcome = { ok: false, ...explain(error, app.baseUrl) };
  }

  await db.$transaction(async (tx) => {
    const { count } = await tx.app.updateMany({
      where: { id: app.id },
      data: outcome.ok ? { authorizedAt: new Date(), serverCapabilities: { ...outcome.capabilities } } : { authorizedAt: null },
    });
    // Deleted while Roster was asking it (a deletion that finished meanwhile).
    if (count === 0) throw new AppError("not_found", "This app no longer exists.");
    await recordAppChange(tx, context, app, outcome.ok ? "app.authorized" : "app.authorization_failed", {
      result: { from: null, to: outcome.ok ? "authorized" : outcome.problem },
    });
  });
  return outcome;
}
