import "server-only";
import { AppError, HTTP_STATUS } from "@/lib/app-error";
import { requirePermission } from "@/lib/auth/require";
import { operationsCsvResponse } from "@/lib/provisioning/log/csv-download";
import { operationLogQuery } from "@/lib/provisioning/log/schemas";

export const dynamic = "force-dynamic";

/** One app's provisioning log for the same filters as its Log tab, as a CSV download. */
export async function GET(request: Request, { params }: { params: Promise<{ appId: string }> }) {
  try {
    const session = await requirePermission("view apps");
    const { appId } = await params;
    if (!/^[0-9a-f-]{36}$/i.test(appId)) throw new AppError("not_found", "This app no longer exists.");
    const { after: _page, ...filter } = operationLogQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
    return operationsCsvResponse(session.organization.id, { ...filter, app: appId });
  } catch (error) {
    if (error instanceof AppError) return Response.json({ error: error.message }, { status: HTTP_STATUS[error.code] });
    throw error;
  }
}
