import "server-only";
import { AppError, HTTP_STATUS } from "@/lib/app-error";
import { auditCsvResponse } from "@/lib/audit/export-audit-csv";
import { auditLogQuery } from "@/lib/audit/schemas";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/require";

export const dynamic = "force-dynamic";

/** The audit log for the same filters as the page, as a CSV download. */
export async function GET(request: Request) {
  try {
    const session = await requirePermission("admin access");
    const { after: _page, ...filter } = auditLogQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
    return auditCsvResponse(session.organization.id, filter, can(session, "view apps"));
  } catch (error) {
    if (error instanceof AppError) return Response.json({ error: error.message }, { status: HTTP_STATUS[error.code] });
    throw error;
  }
}
