import "server-only";
import { AppError } from "@/lib/app-error";
import { publicFileNotFound, publicFileResponse } from "@/lib/http/public-file-response";
import { listPublishedKeys } from "@/lib/sso/signing-keys";
import { isRosterId } from "@/lib/sso/sso-app";

export const dynamic = "force-dynamic";

const NOT_FOUND = "There is no such signing certificate in Roster. Copy the link again from the app's Single sign-on tab.\n";

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
    if (!key) return publicFileNotFound(NOT_FOUND);
    return publicFileResponse(key.certificatePem, {
      type: "application/x-pem-file",
      disposition: `attachment; filename="roster-saml-signing-${key.state.toLowerCase()}.pem"`,
    });
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return publicFileNotFound(NOT_FOUND);
    throw error;
  }
}
