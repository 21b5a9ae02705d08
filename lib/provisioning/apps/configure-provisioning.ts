import "server-only";
import { AppError } from "../../app-error";
import { db } from "../../db";
import type { ConfigureProvisioningInput } from "../schemas/provisioning";
import { encryptSecret } from "../secrets/encrypt-secret";
import { Secret } from "../secrets/secret";
import { recordAppChange, type AppWriteContext } from "./app-audit";
import { AddressRefusedError } from "../../scim";
import { checkTargetAddress } from "../connections/guard-scim-target";

/**
 * Saves the Sync endpoint and, when given, a new SCIM token (encrypted; only
 * its last four characters are kept in clear). A new endpoint or token must be
 * authorized again before anything is sent with it:
 * - an app still in its wizard (DRAFT) goes on to the Authorize step;
 * - an app that was provisioning (ACTIVE) is held (PAUSED) until Resume, which checks the new settings with the
 *   Authorize step's requests and then syncs everyone. Meanwhile each change is logged as held (SKIPPED) and Resume
 *   sends it, so no edit is lost and nothing goes out with a token nobody has checked. (Sending it back through the
 *   wizard instead left it DRAFT, where changes were dropped unlogged and never sent.)
 * - a quarantined or paused app keeps its state and reason, so that Resume stays the way back.
 */
export async function configureProvisioning(appId: string, input: ConfigureProvisioningInput, context: AppWriteContext) {
  try {
    await checkTargetAddress(input.baseUrl, { resolve: false });
  } catch (error) {
    if (error instanceof AddressRefusedError) throw new AppError("invalid_input", error.message, { baseUrl: [error.message] });
    throw error;
  }
  const baseUrl = input.baseUrl.replace(/\/+$/, "");
  const tokenExpiresAt = input.tokenExpiresOn ? new Date(`${input.tokenExpiresOn}T00:00:00Z`) : null;

  return db.$transaction(async (tx) => {
    const app = await tx.app.findFirst({
      where: { id: appId, organizationId: context.organizationId },
      select: { id: true, name: true, state: true, baseUrl: true, tokenLast4: true, tokenExpiresAt: true },
    });
    if (!app) throw new AppError("not_found", "This app no longer exists.");
    if (!input.token && !app.tokenLast4) {
      throw new AppError("invalid_input", "Enter the SCIM token.", { token: ["Enter the SCIM token the app gave you."] });
    }

    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (app.baseUrl !== baseUrl) changes.baseUrl = { from: app.baseUrl, to: baseUrl };
    if (input.token) changes.token = { from: app.tokenLast4 ? "set" : null, to: "changed" };
    if ((app.tokenExpiresAt?.getTime() ?? null) !== (tokenExpiresAt?.getTime() ?? null)) {
      changes.tokenExpiresAt = { from: app.tokenExpiresAt?.toISOString().slice(0, 10) ?? null, to: input.tokenExpiresOn || null };
    }
    if (Object.keys(changes).length === 0) return { changed: [] as string[], state: app.state };

    const secret = input.token ? new Secret(input.token) : null;
    const needsAuthorizing = Boolean(changes.baseUrl || changes.token);
    const held = needsAuthorizing && app.state === "ACTIVE";
    const state = held ? "PAUSED" : app.state;
    if (held) changes.state = { from: app.state, to: state };
    await tx.app.update({
      where: { id: app.id },
      data: {
        baseUrl,
        tokenExpiresAt,
        ...(secret ? { tokenCiphertext: encryptSecret(secret, app.id), tokenLast4: secret.last4(), tokenUpdatedAt: new Date() } : {}),
        ...(needsAuthorizing ? { authorizedAt: null, serverCapabilities: undefined } : {}),
        ...(held ? { state, quarantineReason: heldReason(changes), quarantinedAt: null } : {}),
      },
    });
    await recordAppChange(tx, context, app, "app.provisioning_configured", changes);
    return { changed: Object.keys(changes).filter((key) => key !== "state"), state };
  });
}

/** Why an app that was provisioning is held after its settings changed, and the way back, for the Overview's banner. */
function heldReason(changes: Record<string, unknown>): string {
  if (changes.baseUrl && changes.token) return "The Sync endpoint and the SCIM token changed: Roster sends nothing with them until they are checked.";
  return changes.token
    ? "The SCIM token changed: Roster sends nothing with it until it is checked."
    : "The Sync endpoint changed: Roster sends nothing to it until it is checked.";
}
