/**
 * Where Roster's SAML identity provider lives, under the public base URL of this Roster (no trailing slash).
 * The routes that serve these paths use the same functions, so the metadata and the pages agree. Pure.
 */
const trimmed = (baseUrl: string) => baseUrl.replace(/\/+$/, "");

/** The organization's IdP Entity ID: stable for as long as the base URL is. */
export function idpEntityId(baseUrl: string, organizationId: string): string {
  return `${trimmed(baseUrl)}/sso/saml/${organizationId}`;
}

/** Where an app sends its AuthnRequest (HTTP-Redirect and HTTP-POST), one per app. */
export function ssoUrl(baseUrl: string, organizationId: string, appId: string): string {
  return `${idpEntityId(baseUrl, organizationId)}/apps/${appId}`;
}

/** The IdP metadata XML for one app. */
export function metadataUrl(baseUrl: string, organizationId: string, appId: string): string {
  return `${ssoUrl(baseUrl, organizationId, appId)}/metadata`;
}
