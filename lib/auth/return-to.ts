/**
 * Where the sign-in page may send a person back to once they are signed in: only Roster's own single sign-on
 * addresses (an app's sign-in request waiting for them), never another site. The path travels as `?next=` from the
 * sign-in page through the second step (a code, or setting up an authenticator) and is checked again at each. Pure.
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

/** `step` (a sign-in page of Roster's own) with the return path carried along as `?next=`, when there is a safe one. */
export function carryReturnTo(step: string, returnTo: string | null | undefined): string {
  const safe = safeReturnTo(returnTo);
  return safe ? `${step}?next=${encodeURIComponent(safe)}` : step;
}

/** Where a finished sign-in goes: back to the app's waiting request when there is a safe one, else the landing page. */
export function returnToOr(landing: string, returnTo: string | null | undefined): string {
  return safeReturnTo(returnTo) ?? landing;
}
