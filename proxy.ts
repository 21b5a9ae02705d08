import { NextResponse, type NextRequest } from "next/server";
import { listQueryRefusalPage, refuseListQuery } from "./lib/http/list-query";
import { createNonce, securityHeaders } from "./lib/http/security-headers";

// Runs before every page and route. Two jobs:
// 1. Security headers with a fresh nonce for each response. Next reads the policy from the
//    request's own headers and puts the nonce on every script it renders, so the policy goes on
//    both the request (for Next) and the response (for the browser).
// 2. List addresses whose search text or cursor cannot be read get a 400 with a sentence, before a
//    page or export runs (lib/http/list-query.ts).
// 3. An early, optimistic check: without a session cookie there is no point in rendering an admin
//    page. Every page and action still checks the session itself (lib/auth/require.ts); this only
//    saves the round trip.
// Single sign-on: apps send people and fetch metadata here without a Roster session; each route checks what it needs.
const PUBLIC_PATHS = ["/sign-in", "/api/health", "/set-password", "/sso/saml"];
/** Route handlers that write their own Content-Security-Policy (the SAML response page posts to the app's origin). */
const OWN_POLICY_PATHS = ["/sso/saml/"];

export function proxy(request: NextRequest) {
  // The web server (scripts/web-server.ts) sets X-Forwarded-Proto itself unless a trusted proxy sent it.
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  const headers = securityHeaders({ nonce: createNonce(), https });
  const response = decide(request, headers);
  const ownPolicy = OWN_POLICY_PATHS.some((path) => request.nextUrl.pathname.startsWith(path));
  for (const [name, value] of Object.entries(headers)) {
    if (!(ownPolicy && name === "Content-Security-Policy")) response.headers.set(name, value);
  }
  return response;
}

function decide(request: NextRequest, headers: Record<string, string>): NextResponse {
  const { pathname } = request.nextUrl;
  const signedIn = request.cookies.has("roster_session");
  if (signedIn && (request.method === "GET" || request.method === "HEAD")) {
    const refusal = refuseListQuery(request.nextUrl.searchParams);
    if (refusal) {
      return new NextResponse(listQueryRefusalPage(refusal, pathname), { status: 400, headers: { "content-type": "text/html; charset=utf-8" } });
    }
  }
  if (signedIn || PUBLIC_PATHS.some((path) => pathname === path || pathname.startsWith(`${path}/`))) {
    const forwarded = new Headers(request.headers);
    forwarded.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
    return NextResponse.next({ request: { headers: forwarded } });
  }
  if (request.method !== "GET" && request.method !== "HEAD") {
    return NextResponse.json({ error: "Sign in to continue." }, { status: 401 });
  }
  return NextResponse.redirect(new URL("/sign-in", request.url));
}

// The CSV upload is left out: Next reads the whole body of every request the
// proxy sees before answering, even a refusal, and the upload route checks the
// session itself before it reads a byte of the file.
export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.svg|users/import/upload).*)"],
};
