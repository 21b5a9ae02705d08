"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/define-action";
import type { ImportProgress } from "@/lib/directory/csv/schemas";
import { ImportProgressBar } from "./import-progress-bar";

interface ImportRunnerProps {
  importId: string;
  initial: ImportProgress;
  /** Rows naming groups that don't exist yet: they are imported only if the admin ticks "Create groups that don't exist yet". */
  newGroupRows: number;
  newGroupNames: number;
  importBatch: (input: { importId: string; createMissingGroups?: boolean }) => Promise<ActionResult<ImportProgress>>;
  cancel: (input: { importId: string }) => Promise<ActionResult<{ importId: string }>>;
}

const rows = (count: number) => `${count.toLocaleString("en-US")} ${count === 1 ? "row" : "rows"}`;
const people = (count: number) => `${count.toLocaleString("en-US")} ${count === 1 ? "person" : "people"}`;

/**
 * Runs the import one batch per request until it is done, showing progress.
 * The server keeps the position, so after a reload the admin resumes where it stopped.
 */
export function ImportRunner({ importId, initial, newGroupRows, newGroupNames, importBatch, cancel }: ImportRunnerProps) {
  const router = useRouter();
  const [progress, setProgress] = useState(initial);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [createMissingGroups, setCreateMissingGroups] = useState(false);
  const started = progress.status !== "PREVIEW" || running;

  async function run() {
    setRunning(true);
    setError(null);
    for (;;) {
      const result = await importBatch({ importId, createMissingGroups }).catch(() => null);
      if (!result?.ok) {
        setError(result ? result.message : "Roster could not be reached. Check your connection, then resume the import.");
        break;
      }
      setProgress(result.data);
      if (result.data.done) {
        toast.success(`Imported ${people(result.data.imported)}.`);
        router.refresh();
        break;
      }
    }
    setRunning(false);
  }

  async function discard() {
    const result = await cancel({ importId });
    if (!result.ok) return void toast.error(result.message);
    toast.success("Import discarded. Nothing more will be imported from this file.");
    router.refresh();
  }

  if (!started) {
    return (
      <div className="flex flex-wrap items-center justify-between gap-4 px-6 py-5">
        <div className="text-sm text-zinc-600">
          <p className="font-medium text-zinc-900">{progress.total > 0 ? `Ready to import ${people(progress.total)}.` : "No rows can be imported."}</p>
          <p>Rows with errors are left out. People already in the directory are skipped, not updated.</p>
          {newGroupRows > 0 ? (
            <div className="mt-3">
              <label className="flex items-center gap-2 font-medium text-zinc-900">
                <input type="checkbox" className="size-4" checked={createMissingGroups} onChange={(event) => setCreateMissingGroups(event.target.checked)} />
                Create groups that don&apos;t exist yet
              </label>
              <p className="mt-1 max-w-xl">
                {createMissingGroups
                  ? `The ${newGroupNames === 1 ? "group" : `${newGroupNames.toLocaleString("en-US")} groups`} the file names that ${newGroupNames === 1 ? "doesn't" : "don't"} exist yet will be created, with the people who name ${newGroupNames === 1 ? "it" : "them"} as members.`
                  : `Left off, the ${rows(newGroupRows)} naming groups that don't exist yet ${newGroupRows === 1 ? "is" : "are"} not imported, each with the reason. Nothing else is lost: fix the file (or create the groups) and upload it again.`}
              </p>
            </div>
          ) : null}
        </div>
        <div className="flex gap-2">
          <Button variant="secondary" onClick={discard}>
            Discard
          </Button>
          <Button onClick={run} disabled={progress.total === 0}>
            Import {people(createMissingGroups ? progress.total : progress.total - newGroupRows)}
          </Button>
        </div>
      </div>
    );
  }

  return (
    <div className="space-y-4 px-6 py-5">
      <ImportProgressBar total={progress.total} imported={progress.imported} skipped={progress.skipped} />
      {error ? <Alert tone="error">{error}</Alert> : null}
      {running ? (
        <p className="text-sm text-zinc-500">You can leave this page; the import pauses and you can resume it from here later.</p>
      ) : progress.done ? null : (
        <div className="flex items-center justify-between gap-4">
          <p className="text-sm text-zinc-500">The import is paused. Resume it to import the remaining rows, or discard them.</p>
          <div className="flex gap-2">
            <Button variant="secondary" onClick={discard}>
              Discard the rest
            </Button>
            <Button onClick={run}>Resume import</Button>
          </div>
        </div>
      )}
    </div>
  );
}
