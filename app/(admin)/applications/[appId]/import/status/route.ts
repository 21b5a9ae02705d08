import { can } from "@/lib/auth/permissions";
import { getCurrentSession } from "@/lib/auth/session";
import { getLatestImportRun } from "@/lib/provisioning/import-runs/list-candidates";

export const dynamic = "force-dynamic";

/** The latest import's progress, polled by the page while it fetches or confirms. */
export async function GET(_request: Request, { params }: { params: Promise<{ appId: string }> }) {
  const session = await getCurrentSession();
  if (!session || !can(session, "import users")) return Response.json({ error: "Sign in with the “import users” permission." }, { status: 401 });
  const { appId } = await params;
  const run = await getLatestImportRun(session.organization.id, appId);
  return Response.json(run ? { id: run.id, status: run.status, fetched: run.fetched, total: run.total, applied: run.applied, toApply: run.toApply } : null);
}
