import "server-only";
import { FILE_CONTENT_SECURITY_POLICY } from "@/lib/http/security-headers";
import { AppError } from "@/lib/app-error";
import { listPublishedKeys } from "@/lib/sso/signing-keys";
import { isRosterId } from "@/lib/sso/sso-app";

export const dynamic = "force-dynamic";

/**
 * The organization's signing certificate as a PEM file: the one that signs now, or with `?key=<id>` another
 * published one (the next certificate, before it is used). Public: a certificate is what apps use to check
 * Roster's signature, never a secret.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id: organizationId } = await params;
  const wanted = new URL(request.url).searchParams.get("key");
  try {
    const keys = isRosterId(organizationId) ? await listPublishedKeys(organizationId) : [];
    const key = wanted ? keys.find((candidate) => candidate.id === wanted) : keys[0];
    if (!key) return notFound();
    return new Response(key.certificatePem, {
      headers: {
        "content-type": "application/x-pem-file",
        "content-disposition": `attachment; filename="roster-saml-signing-${key.state.toLowerCase()}.pem"`,
        "cache-control": "no-cache",
        "content-security-policy": FILE_CONTENT_SECURITY_POLICY,
      },
    });
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return notFound();
    throw error;
  }
}

function notFound() {
  return new Response("There is no such signing certificate in Roster. Copy the link again from the app's Single sign-on tab.\n", {
    status: 404,
    headers: { "content-type": "text/plain; charset=utf-8", "content-security-policy": FILE_CONTENT_SECURITY_POLICY },
  });
}
