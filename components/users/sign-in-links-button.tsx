"use client";

import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/define-action";
import type { UserSelectionInput } from "@/lib/directory/schemas/user";

export type CreateSignInLinks = (input: { selection: UserSelectionInput }) => Promise<ActionResult<{ csv: string; created: number; skipped: string[] }>>;

/**
 * Creates a first sign-in link for each selected person and downloads them as one CSV, once: the file is made
 * in the browser from the answer and nothing keeps it.
 */
export function SignInLinksButton({ selection, create }: { selection: UserSelectionInput; create: CreateSignInLinks }) {
  const [busy, setBusy] = useState(false);

  async function onClick() {
    setBusy(true);
    try {
      const result = await create({ selection });
      if (!result.ok) return void toast.error(Object.values(result.fieldErrors ?? {})[0]?.[0] ?? result.message);
      const { csv, created, skipped } = result.data;
      if (created > 0) {
        const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
        const anchor = Object.assign(document.createElement("a"), { href: url, download: "sign-in-links.csv" });
        anchor.click();
        URL.revokeObjectURL(url);
        toast.success(
          `Downloaded ${created.toLocaleString("en-US")} sign-in link${created === 1 ? "" : "s"}. Send each privately: they work once, for 24 hours.`,
        );
      }
      if (skipped.length > 0) toast.warning(`Left out ${skipped.length.toLocaleString("en-US")}: ${skipped[0]}${skipped.length > 1 ? " (and others)" : ""}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Button size="sm" variant="secondary" disabled={busy} onClick={() => void onClick()}>
      {busy ? "Creating links…" : "Sign-in links (CSV)"}
    </Button>
  );
}
