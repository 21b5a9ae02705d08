import "server-only";
import { exportOperationsCsv } from "./export-operations-csv";
import type { OperationLogFilter } from "./schemas";

/** The provisioning log's rows for `filter` as a streamed CSV download, so a long log never sits in memory. */
export function operationsCsvResponse(organizationId: string, filter: OperationLogFilter): Response {
  const lines = exportOperationsCsv(organizationId, filter);
  const body = new ReadableStream<string>({
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await lines.return(undefined);
    },
  }).pipeThrough(new TextEncoderStream());
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="roster-provisioning-log-${new Date().toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
