import { NextResponse, type NextRequest } from "next/server";

// An early, optimistic check: without a session cookie there is no point in
// rendering an admin page. Every page and action still checks the session
// itself (lib/auth/require.ts); this only saves the round trip.
const PUBLIC_PATHS = ["/sign-in", "/api/health"];

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (PUBLIC_PATHS.some((path) => pathname === path || pathname.startsWith(`${path}/`))) return NextResponse.next();
  if (request.cookies.has("roster_session")) return NextResponse.next();
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
