import "server-only";
import { AppError, HTTP_STATUS } from "@/lib/app-error";
import { requirePermission } from "@/lib/auth/require";
import { getLatestImportRun } from "@/lib/provisioning/import-runs/list-candidates";

export const dynamic = "force-dynamic";

/** The latest import's progress, polled by the page while it fetches or confirms. */
export async function GET(_request: Request, { params }: { params: Promise<{ appId: string }> }) {
  try {
    const session = await requirePermission("view apps", "import users");
    const { appId } = await params;
    if (!/^[0-9a-f-]{36}$/i.test(appId)) throw new AppError("not_found", "This app no longer exists.");
    const run = await getLatestImportRun(session.organization.id, appId);
    return Response.json(run ? { id: run.id, status: run.status, fetched: run.fetched, total: run.total, applied: run.applied, toApply: run.toApply } : null);
  } catch (error) {
    if (error instanceof AppError) return Response.json({ error: error.message }, { status: HTTP_STATUS[error.code] });
    throw error;
  }
}
