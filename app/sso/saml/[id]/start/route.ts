import "server-only";
import { getPublicBaseUrl, getRequestMeta } from "@/lib/auth/request-meta";
import { getCurrentPersonSession } from "@/lib/auth/session";
import { issueLoggedResponse } from "@/lib/sso/record-sso-sign-in";
import { SamlError } from "@/lib/sso/saml-error";
import { isRosterId } from "@/lib/sso/sso-app";
import { samlPostResponse, ssoFailureResponse } from "../../sso-responses";

export const dynamic = "force-dynamic";

/**
 * IdP-initiated sign-in to an app (a tile in My apps, the tab's Test sign-in): the signed-in person gets a
 * signed response for the app, without InResponseTo, posted to its ACS URL. Without a session, the sign-in
 * page first, then back here. Public in proxy.ts so that the sign-in page can bring people back.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id: appId } = await params;
    if (!isRosterId(appId))
      throw new SamlError("app_not_found", "This sign-in link points to an app that is not in Roster. Ask your Roster administrator for the right link.");
    const session = await getCurrentPersonSession();
    if (!session) {
      const next = `/sso/saml/${appId}/start`;
      return new Response(null, { status: 303, headers: { location: `/sign-in?${new URLSearchParams({ next }).toString()}`, "cache-control": "no-store" } });
    }
    const person = { id: session.userId, label: session.email, organizationId: session.organization.id };
    const { ip } = await getRequestMeta();
    return samlPostResponse(await issueLoggedResponse({ appId, personId: session.userId, baseUrl: await getPublicBaseUrl() }, person, ip));
  } catch (error) {
    return ssoFailureResponse(error, "IdP-initiated sign-in");
  }
}
