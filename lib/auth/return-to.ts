/**
 * Where the sign-in page may send a person back to once they are signed in: only Roster's own single sign-on
 * addresses (an app's sign-in request waiting for them), never another site. Pure.
 */
const RETURN_PREFIX = "/sso/saml/";
const MAX_RETURN_LENGTH = 16 * 1024;

/** The path to return to, or null when `value` is not one of Roster's single sign-on addresses. */
export function safeReturnTo(value: string | null | undefined): string | null {
  if (!value || value.length > MAX_RETURN_LENGTH) return null;
  if (!value.startsWith(RETURN_PREFIX) || /[\\\s]/.test(value)) return null;
  try {
    // Resolved against a stand-in origin: anything that leaves it (or climbs out of /sso/saml/) is refused.
    const url = new URL(value, "http://roster.invalid");
    if (url.origin !== "http://roster.invalid" || !url.pathname.startsWith(RETURN_PREFIX)) return null;
    return `${url.pathname}${url.search}`;
  } catch {
    return null;
  }
}
