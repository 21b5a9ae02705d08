/**
 * The response headers that tell a browser what an admin page may do. Pure: proxy.ts calls it
 * once per request with a fresh nonce.
 *
 * Scripts run only when they carry this request's nonce ('strict-dynamic' lets Next's own
 * scripts load the chunks they need); there is no 'unsafe-inline' for scripts. Styles keep
 * 'unsafe-inline': React and the toast library set style attributes, and a style cannot run code.
 */
export interface SecurityHeaderOptions {
  /** A fresh, unpredictable value for each response (base64). */
  nonce: string;
  /** The page was served over HTTPS (directly, or by a trusted proxy). */
  https: boolean;
  /**
   * Origins besides this one that a form on the page may submit to: only the single sign-on response page
   * sets it, to the app's ACS URL origin, for that one response.
   */
  formActionOrigins?: readonly string[];
}

const HSTS_MAX_AGE_SECONDS = 2 * 365 * 24 * 60 * 60;

/** Features an identity admin panel never uses: the browser refuses them to any script on the page. */
const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "autoplay=()",
  "camera=()",
  "display-capture=()",
  "geolocation=()",
  "gyroscope=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "publickey-credentials-get=()",
  "usb=()",
  "browsing-topics=()",
].join(", ");

export function contentSecurityPolicy({ nonce, https, formActionOrigins = [] }: SecurityHeaderOptions): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    ["form-action 'self'", ...formActionOrigins].join(" "),
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(options),
    "Permissions-Policy": PERMISSIONS_POLICY,
    ...(options.https ? { "Strict-Transport-Security": `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains` } : {}),
  };
}

/** 16 random bytes, base64: what a CSP nonce-source accepts. Web Crypto, so it runs in the proxy. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** For files a route answers with (XML, PEM, plain text) that never run anything: nothing may load, run or frame. */
export const FILE_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
