import "server-only";
import { listPublishedKeys, type PublicSigningKey } from "./signing-keys";
import { certificateBody } from "./sign-response";
import { idpEntityId, ssoUrl } from "./saml-urls";
import { NAME_ID_FORMATS } from "./schemas";

const REDIRECT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
const POST_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";

export interface IdpMetadata {
  entityId: string;
  ssoUrl: string;
  /** ACTIVE first, then NEXT, then RETIRED ones still in their grace period. */
  certificates: PublicSigningKey[];
  xml: string;
}

function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[character]!);
}

/**
 * What an app needs to trust Roster: the organization's IdP Entity ID, the app's SSO URL (HTTP-Redirect and
 * HTTP-POST) and every published signing certificate, as values for the Single sign-on tab and as the
 * metadata XML (unsigned: it is fetched over HTTPS from a stable URL).
 */
export async function idpMetadata(organizationId: string, appId: string, baseUrl: string, now = new Date()): Promise<IdpMetadata> {
  const certificates = await listPublishedKeys(organizationId, now);
  const entityId = idpEntityId(baseUrl, organizationId);
  const location = ssoUrl(baseUrl, organizationId, appId);
  const keyDescriptors = certificates
    .map(
      (key) =>
        `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certificateBody(key.certificatePem)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`,
    )
    .join("");
  const nameIdFormats = Object.values(NAME_ID_FORMATS)
    .map((format) => `<md:NameIDFormat>${format.urn}</md:NameIDFormat>`)
    .join("");
  const xml =
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${escapeXml(entityId)}">` +
    `<md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">` +
    keyDescriptors +
    nameIdFormats +
    `<md:SingleSignOnService Binding="${REDIRECT_BINDING}" Location="${escapeXml(location)}"/>` +
    `<md:SingleSignOnService Binding="${POST_BINDING}" Location="${escapeXml(location)}"/>` +
    `</md:IDPSSODescriptor></md:EntityDescriptor>`;
  return { entityId, ssoUrl: location, certificates, xml };
}
