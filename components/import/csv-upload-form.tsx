"use client";

import { FileSpreadsheet, Upload } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/define-action";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "@/lib/directory/csv/schemas";

interface CsvUploadFormProps {
  /** Where the file is posted (multipart field `file`); it answers an ActionResult with the import's id. */
  uploadUrl: string;
}

function formatSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Picks a CSV file, uploads it for checking, and opens its preview. Nothing is imported yet. */
export function CsvUploadForm({ uploadUrl }: CsvUploadFormProps) {
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  function choose(next: File | null) {
    setFile(next);
    setErrors(
      next && next.size > MAX_IMPORT_BYTES
        ? [`This file is ${formatSize(next.size)}; the limit is ${formatSize(MAX_IMPORT_BYTES)}. Split it into smaller files and import them one by one.`]
        : [],
    );
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) return setErrors(["Choose a CSV file to upload."]);
    setBusy(true);
    try {
      const body = new FormData();
      body.set("file", file);
      const response = await fetch(uploadUrl, { method: "POST", body });
      const result = (await response.json().catch(() => null)) as ActionResult<{ importId: string }> | null;
      if (result?.ok) return router.push(`/users/import/${result.data.importId}`);
      setErrors(result ? (result.fieldErrors?.file ?? [result.message]) : ["The upload did not reach Roster. Check your connection and try again."]);
    } catch {
      setErrors(["The upload did not reach Roster. Check your connection and try again."]);
    }
    setBusy(false);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5 px-6 py-5">
      <label
        htmlFor="csv-file"
        className="flex cursor-pointer flex-col items-center rounded-lg border-2 border-dashed border-zinc-300 bg-zinc-50/60 px-6 py-10 text-center transition-colors hover:border-brand-400 hover:bg-brand-50/40"
        onDragOver={(event) => event.preventDefault()}
        onDrop={(event) => {
          event.preventDefault();
          choose(event.dataTransfer.files[0] ?? null);
        }}
      >
        <span className="mb-3 rounded-full bg-brand-50 p-3 text-brand-600">
          <FileSpreadsheet aria-hidden className="size-6" />
        </span>
        {file ? (
          <>
            <span className="text-sm font-medium text-zinc-900">{file.name}</span>
            <span className="mt-1 text-xs text-zinc-500">{formatSize(file.size)} · click to choose another file</span>
          </>
        ) : (
          <>
            <span className="text-sm font-medium text-zinc-900">Choose a CSV file or drop it here</span>
            <span className="mt-1 text-xs text-zinc-500">
              UTF-8, with a header row; up to {formatSize(MAX_IMPORT_BYTES)} and {MAX_IMPORT_ROWS.toLocaleString("en-US")} people
            </span>
          </>
        )}
        <input
          id="csv-file"
          name="file"
          type="file"
          accept=".csv,text/csv"
          className="sr-only"
          aria-label="CSV file"
          onChange={(event) => choose(event.target.files?.[0] ?? null)}
        />
      </label>
      {errors.length > 0 ? (
        <Alert tone="error">
          {errors.length === 1 ? (
            errors[0]
          ) : (
            <ul className="list-disc space-y-1 pl-4">
              {errors.map((error) => (
                <li key={error}>{error}</li>
              ))}
            </ul>
          )}
        </Alert>
      ) : null}
      <div className="flex items-center justify-between gap-4">
        <p className="text-sm text-zinc-500">You will see every row&apos;s problems before anything is imported.</p>
        <Button type="submit" disabled={busy || !file || errors.length > 0}>
          <Upload aria-hidden className="size-4" /> {busy ? "Checking…" : "Check file"}
        </Button>
      </div>
    </form>
  );
}
