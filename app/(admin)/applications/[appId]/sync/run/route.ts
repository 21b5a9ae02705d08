import "server-only";
import { AppError, HTTP_STATUS } from "@/lib/app-error";
import { requirePermission } from "@/lib/auth/require";
import { getSyncRunView } from "@/lib/provisioning/log/get-sync-overview";

export const dynamic = "force-dynamic";

/** The app's latest sync run, polled by the Overview's progress bar (a GET, so polls never queue behind actions). */
export async function GET(_request: Request, { params }: { params: Promise<{ appId: string }> }) {
  try {
    const session = await requirePermission("view apps");
    const { appId } = await params;
    if (!/^[0-9a-f-]{36}$/i.test(appId)) throw new AppError("not_found", "This app no longer exists.");
    return Response.json({ run: await getSyncRunView(session.organization.id, appId) }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof AppError) return Response.json({ error: error.message }, { status: HTTP_STATUS[error.code] });
    throw error;
  }
}
