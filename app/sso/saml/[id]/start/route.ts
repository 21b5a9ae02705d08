import "server-only";
import { getPublicBaseUrl } from "@/lib/auth/request-meta";
import { getCurrentSession } from "@/lib/auth/session";
import { issueResponse } from "@/lib/sso/issue-response";
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
    const session = await getCurrentSession();
    if (!session) {
      const next = `/sso/saml/${appId}/start`;
      return new Response(null, { status: 303, headers: { location: `/sign-in?${new URLSearchParams({ next }).toString()}`, "cache-control": "no-store" } });
    }
    const form = await issueResponse({ appId, personId: session.userId, baseUrl: await getPublicBaseUrl() });
    return samlPostResponse(form);
  } catch (error) {
    return ssoFailureResponse(error, "IdP-initiated sign-in");
  }
}
