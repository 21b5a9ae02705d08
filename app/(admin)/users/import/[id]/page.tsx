import { CheckCircle2 } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ImportCounts } from "@/components/import/import-counts";
import { ImportGroupsSummary } from "@/components/import/import-groups-summary";
import { ImportIssuesTable } from "@/components/import/import-issues-table";
import { ImportProgressBar } from "@/components/import/import-progress-bar";
import { ImportRunner } from "@/components/import/import-runner";
import { ImportSampleTable } from "@/components/import/import-sample-table";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/require";
import { getPeopleImport } from "@/lib/directory/csv/get-people-import";
import { importBatchInput } from "@/lib/directory/csv/schemas";
import { cancelImportAction, importBatchAction } from "../actions";

export const metadata: Metadata = { title: "Import people" };

export default async function PeopleImportPage({ params }: { params: Promise<{ id: string }> }) {
  const session = await requirePagePermission("manage users");
  const parsed = importBatchInput.safeParse({ importId: (await params).id });
  const job = parsed.success ? await getPeopleImport(session.organization.id, parsed.data.importId) : null;
  if (!job) notFound();
  const completed = job.status === "COMPLETED";

  return (
    <>
      <Link href="/users/import" className="text-sm text-zinc-500 hover:text-zinc-800">
        ← Import another file
      </Link>
      <div className="mt-1">
        <PageHeader
          title={completed ? "Import finished" : job.status === "CANCELLED" ? "Import discarded" : "Check the file before importing"}
          description={`${job.fileName} · ${job.totalRows.toLocaleString("en-US")} ${job.totalRows === 1 ? "row" : "rows"} of people`}
          actions={
            completed ? (
              <Button asChild>
                <Link href="/users">Go to users</Link>
              </Button>
            ) : null
          }
        />
      </div>

      {job.headerWarnings.length > 0 && !completed ? (
        <div className="mb-6">
          <Alert>
            <ul className="space-y-1">
              {job.headerWarnings.map((warning) => (
                <li key={warning}>{warning}</li>
              ))}
            </ul>
          </Alert>
        </div>
      ) : null}

      <Card className="mb-6">
        <ImportCounts job={job} />
        {completed ? (
          <div className="space-y-4 border-t border-zinc-100 px-6 py-5">
            <ImportProgressBar total={job.toImport} imported={job.imported} skipped={job.skippedDuringImport} />
            <Alert tone="success">
              {job.imported.toLocaleString("en-US")} {job.imported === 1 ? "person was" : "people were"} added to the directory
              {job.completedAt ? ` on ${job.completedAt.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC` : ""}.
              {job.issueCount > 0 ? " The rows below were not imported." : " Every row was imported."}
            </Alert>
          </div>
        ) : job.status === "CANCELLED" ? (
          <div className="border-t border-zinc-100 px-6 py-5">
            <Alert tone="error">
              This import was discarded{job.imported > 0 ? ` after ${job.imported.toLocaleString("en-US")} people were imported` : ""}. Upload the file again to
              import the rest.
            </Alert>
          </div>
        ) : (
          <div className="border-t border-zinc-100">
            <ImportRunner
              importId={job.id}
              initial={{ status: job.status, total: job.toImport, imported: job.imported, skipped: job.skippedDuringImport, done: false }}
              newGroupRows={job.newGroupRows}
              newGroupNames={job.newGroups.length}
              importBatch={importBatchAction}
              cancel={cancelImportAction}
            />
          </div>
        )}
      </Card>

      {job.groupJoins.length > 0 || job.newGroups.length > 0 ? (
        <Card className="mb-6">
          <ImportGroupsSummary
            joins={job.groupJoins}
            newGroups={job.newGroups}
            newGroupRows={job.newGroupRows}
            completed={completed}
            createMissingGroups={job.createMissingGroups}
          />
        </Card>
      ) : null}

      <Card className="mb-6">
        <CardHeader
          title={completed ? "Rows not imported" : "Rows with problems"}
          description={
            completed
              ? "Fix the errors in your file and upload it again; people already in the directory are skipped again."
              : "Line numbers are as your spreadsheet shows them: the header is line 1."
          }
        />
        {job.issues.length > 0 ? (
          <ImportIssuesTable issues={job.issues} total={job.issueCount} />
        ) : (
          <EmptyState icon={CheckCircle2} title="No problems found">
            Every row in the file is valid{completed ? " and was imported" : ""}.
          </EmptyState>
        )}
      </Card>

      {!completed && job.sample.length > 0 ? (
        <Card>
          <CardHeader
            title="First rows to import"
            description={`The first ${job.sample.length} of ${job.toImport.toLocaleString("en-US")}, as they will appear in the directory.`}
          />
          <ImportSampleTable rows={job.sample} />
        </Card>
      ) : null}
    </>
  );
}
