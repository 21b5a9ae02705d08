import "server-only";
import { FILE_CONTENT_SECURITY_POLICY } from "@/lib/http/security-headers";
import { getPublicBaseUrl } from "@/lib/auth/request-meta";
import { idpMetadata } from "@/lib/sso/idp-metadata";
import { findSsoApp } from "@/lib/sso/sso-app";

export const dynamic = "force-dynamic";

/**
 * Roster's IdP metadata for one app (Entity ID, SSO URL for both bindings, every published signing certificate),
 * at a stable public address an app can fetch. Holds nothing secret.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; appId: string }> }) {
  const { id: organizationId, appId } = await params;
  const app = await findSsoApp(organizationId, appId);
  if (!app) return new Response("No app in Roster has this metadata address. Copy it again from the app's Single sign-on tab.\n", notFound);
  const metadata = await idpMetadata(organizationId, app.id, await getPublicBaseUrl());
  return new Response(metadata.xml, {
    headers: {
      "content-type": "application/samlmetadata+xml; charset=utf-8",
      "content-disposition": `inline; filename="roster-idp-metadata.xml"`,
      "cache-control": "no-cache",
      "content-security-policy": FILE_CONTENT_SECURITY_POLICY,
    },
  });
}

const notFound = { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "content-security-policy": FILE_CONTENT_SECURITY_POLICY } };
