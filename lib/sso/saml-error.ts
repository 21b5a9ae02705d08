/**
 * Why single sign-on refused, typed by `kind` and said in a plain sentence a person can act on. The pages
 * show `message`; `status` is the HTTP status a route answers with. Never carries a secret.
 */
export const SAML_ERROR_STATUS = {
  /** The AuthnRequest cannot be read (not base64, not deflated, not XML, not an AuthnRequest). */
  malformed_request: 400,
  /** The AuthnRequest's Issuer is not the app's configured Entity ID. */
  unknown_issuer: 400,
  /** The AuthnRequest asks for a response at another address than the configured ACS URL. */
  wrong_acs_url: 400,
  /** The AuthnRequest's Destination is not the SSO URL it was received at. */
  wrong_destination: 400,
  /** The AuthnRequest was issued too long ago, or in the future by more than the clock skew allowed. */
  stale_request: 400,
  /** The AuthnRequest asks for the response by a binding other than HTTP-POST. */
  unsupported_binding: 400,
  /** The AuthnRequest's ID was answered before. */
  replayed_request: 400,
  /** The app has no SAML settings, or single sign-on is switched off. */
  sso_not_enabled: 404,
  app_not_found: 404,
  person_not_found: 403,
  person_inactive: 403,
  person_not_assigned: 403,
} as const;

export type SamlErrorKind = keyof typeof SAML_ERROR_STATUS;

/** The app a sign-in was for, when Roster found it: what the sign-in log names. */
export interface SsoAppRef {
  id: string;
  name: string;
  organizationId: string;
}

export class SamlError extends Error {
  override name = "SamlError";
  constructor(
    readonly kind: SamlErrorKind,
    message: string,
    /** The app, once it was found; absent when the app itself is the problem. */
    readonly app?: SsoAppRef,
  ) {
    super(message);
  }

  get status(): number {
    return SAML_ERROR_STATUS[this.kind];
  }
}
