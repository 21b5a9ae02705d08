"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { getRequestMeta } from "@/lib/auth/request-meta";
import { samlSettingsInput } from "@/lib/sso/schemas";
import { saveSamlSettings } from "@/lib/sso/saml-settings";
import { activateNextKey, rotateSigningKey } from "@/lib/sso/signing-keys";

const appIdField = z.uuid({ error: "This app no longer exists." });

/** Saves the app's SAML settings (the same schema as the form). */
export const saveSamlSettingsAction = defineAction(
  { input: z.object({ appId: appIdField, settings: samlSettingsInput }), access: "assign apps" },
  async ({ appId, settings }, session) => {
    const saved = await saveSamlSettings(appId, settings, {
      organizationId: session!.organization.id,
      actor: { id: session!.userId, label: session!.email },
      ip: (await getRequestMeta()).ip,
    });
    revalidatePath(`/applications/${appId}/sso`);
    return { enabled: saved.enabled };
  },
);

/** "Prepare next certificate": a NEXT key, published in the metadata before it signs anything. */
export const prepareNextCertificateAction = defineAction({ input: z.object({ appId: appIdField }), access: "assign apps" }, async ({ appId }, session) => {
  const key = await rotateSigningKey(session!.organization.id, { actor: { id: session!.userId, label: session!.email }, ip: (await getRequestMeta()).ip });
  revalidatePath(`/applications/${appId}/sso`);
  return { id: key.id };
});

/** "Start using it": the NEXT key signs from now on; the old one stays published for its grace period. */
export const activateNextCertificateAction = defineAction({ input: z.object({ appId: appIdField }), access: "assign apps" }, async ({ appId }, session) => {
  const key = await activateNextKey(session!.organization.id, { actor: { id: session!.userId, label: session!.email }, ip: (await getRequestMeta()).ip });
  revalidatePath(`/applications/${appId}/sso`);
  return { id: key.id };
});
