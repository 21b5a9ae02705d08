import "server-only";
import { getPublicBaseUrl } from "@/lib/auth/request-meta";
import { publicFileNotFound, publicFileResponse } from "@/lib/http/public-file-response";
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
  if (!app) return publicFileNotFound("No app in Roster has this metadata address. Copy it again from the app's Single sign-on tab.\n");
  const metadata = await idpMetadata(organizationId, app.id, await getPublicBaseUrl());
  return publicFileResponse(metadata.xml, { type: "application/samlmetadata+xml; charset=utf-8", disposition: `inline; filename="roster-idp-metadata.xml"` });
}
