import "server-only";
import { idpMetadata } from "./idp-metadata";
import { getSamlSettings, type SamlSettings } from "./saml-settings";
import { metadataUrl } from "./saml-urls";
import { certificateExpiry, type CertificateExpiry } from "./signing-keys";
import { findSsoApp } from "./sso-app";

export interface SsoTabCertificate {
  id: string;
  state: "ACTIVE" | "NEXT" | "RETIRED";
  notAfter: Date;
  downloadUrl: string;
  expiry: CertificateExpiry;
}

export interface SsoTab {
  app: { id: string; name: string; catalogKey: string };
  settings: SamlSettings | null;
  idp: { entityId: string; ssoUrl: string; metadataUrl: string; startPath: string };
  /** ACTIVE first, then NEXT, then retired ones still published. Certificates are public; no private key here. */
  certificates: SsoTabCertificate[];
}

/** What the app's Single sign-on tab shows: Roster's side (addresses, certificates) and the app's settings. */
export async function getSsoTab(organizationId: string, appId: string, baseUrl: string, now = new Date()): Promise<SsoTab | null> {
  const app = await findSsoApp(organizationId, appId);
  if (!app) return null;
  const [metadata, settings] = await Promise.all([idpMetadata(organizationId, app.id, baseUrl, now), getSamlSettings(organizationId, app.id)]);
  const certificateBase = `${baseUrl.replace(/\/+$/, "")}/sso/saml/${organizationId}/certificate`;
  return {
    app,
    settings,
    idp: {
      entityId: metadata.entityId,
      ssoUrl: metadata.ssoUrl,
      metadataUrl: metadataUrl(baseUrl, organizationId, app.id),
      startPath: `/sso/saml/${app.id}/start`,
    },
    certificates: metadata.certificates.map((key) => ({
      id: key.id,
      state: key.state,
      notAfter: key.notAfter,
      downloadUrl: key.state === "ACTIVE" ? certificateBase : `${certificateBase}?key=${key.id}`,
      expiry: certificateExpiry(key, now),
    })),
  };
}
