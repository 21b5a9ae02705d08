"use client";

import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/define-action";

type Requirement = "NOBODY" | "ADMINS" | "EVERYONE";

interface Props {
  initial: Requirement;
  labels: Record<Requirement, string>;
  canEdit: boolean;
  action: (input: { requirement: Requirement }) => Promise<ActionResult<{ changed: boolean }>>;
}

/** Who must confirm each sign-in with a code from an authenticator app. Only an Owner changes it. */
export function TwoStepRequirementForm({ initial, labels, canEdit, action }: Props) {
  const [value, setValue] = useState<Requirement>(initial);
  const [saved, setSaved] = useState<Requirement>(initial);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      const result = await action({ requirement: value });
      if (!result.ok) return void toast.error(result.message);
      setSaved(value);
      toast.success("Two-step sign-in requirement saved.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void onSubmit(event)} className="px-6 py-5">
      <fieldset disabled={!canEdit || busy}>
        <legend className="text-sm font-medium text-zinc-900">Require two-step sign-in of</legend>
        <div className="mt-3 space-y-2">
          {(Object.keys(labels) as Requirement[]).map((option) => (
            <label key={option} className="flex items-center gap-2 text-sm text-zinc-700">
              <input type="radio" name="two-step-requirement" value={option} checked={value === option} onChange={() => setValue(option)} />
              {labels[option]}
            </label>
          ))}
        </div>
        <p className="mt-3 text-xs text-zinc-600">
          People it covers who have not set it up are taken to set it up right after their password, at their next sign-in.
        </p>
      </fieldset>
      {canEdit ? (
        <Button type="submit" className="mt-4" disabled={busy || value === saved}>
          {busy ? "Saving…" : "Save requirement"}
        </Button>
      ) : (
        <p className="mt-4 text-xs text-zinc-600">Only an Owner can change this.</p>
      )}
    </form>
  );
}
