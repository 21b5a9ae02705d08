import { AppError, HTTP_STATUS } from "@/lib/app-error";
import { requirePermission } from "@/lib/auth/require";
import { csvDownloadResponse } from "@/lib/csv/csv-download-response";
import { exportPeopleCsv } from "@/lib/directory/csv/export-people-csv";
import { userListQuery } from "@/lib/directory/schemas/user";

export const dynamic = "force-dynamic";

const exportFilter = userListQuery.pick({ q: true, status: true, department: true });

/** The people the users list shows for the same `q`, `status` and `department`, as a CSV download, streamed. */
export async function GET(request: Request) {
  let organizationId: string;
  try {
    organizationId = (await requirePermission("admin access")).organization.id;
  } catch (error) {
    if (error instanceof AppError) return Response.json({ error: error.message }, { status: HTTP_STATUS[error.code] });
    throw error;
  }
  const filter = exportFilter.parse(Object.fromEntries(new URL(request.url).searchParams));
  return csvDownloadResponse(exportPeopleCsv(organizationId, filter), `roster-people-${new Date().toISOString().slice(0, 10)}.csv`);
}
