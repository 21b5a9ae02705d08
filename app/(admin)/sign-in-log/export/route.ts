import "server-only";
import { AppError, HTTP_STATUS } from "@/lib/app-error";
import { signInCsvResponse } from "@/lib/audit/list-sign-in-events";
import { signInLogQuery } from "@/lib/audit/schemas";
import { requirePermission } from "@/lib/auth/require";

export const dynamic = "force-dynamic";

/** The sign-in log for the same filters as the page, as a CSV download. */
export async function GET(request: Request) {
  try {
    const session = await requirePermission("admin access");
    const { after: _page, ...filter } = signInLogQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
    return signInCsvResponse(session.organization.id, filter);
  } catch (error) {
    if (error instanceof AppError) return Response.json({ error: error.message }, { status: HTTP_STATUS[error.code] });
    throw error;
  }
}
