import "server-only";
import { AppError, HTTP_STATUS } from "@/lib/app-error";
import { requirePermission } from "@/lib/auth/require";
import { operationsCsvResponse } from "@/lib/provisioning/log/csv-download";
import { operationLogQuery } from "@/lib/provisioning/log/schemas";

export const dynamic = "force-dynamic";

/** The provisioning log for the same filters as the page, as a CSV download. */
export async function GET(request: Request) {
  try {
    const session = await requirePermission("view apps");
    const { after: _page, ...filter } = operationLogQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
    return operationsCsvResponse(session.organization.id, filter);
  } catch (error) {
    if (error instanceof AppError) return Response.json({ error: error.message }, { status: HTTP_STATUS[error.code] });
    throw error;
  }
}
