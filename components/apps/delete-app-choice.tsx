"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { AppDeletionPreview } from "@/lib/provisioning/apps/delete-app";

const accounts = (count: number) => `${count.toLocaleString("en-US")} ${count === 1 ? "account" : "accounts"}`;
const people = (count: number) => `${count.toLocaleString("en-US")} ${count === 1 ? "person has an account" : "people have accounts"}`;

interface Props {
  preview: AppDeletionPreview;
  error: string | null;
  busy: boolean;
  onCancel: () => void;
  onDelete: (choice: { accounts: "leave" | "deactivate"; confirmName: string }) => void;
}

/** What happens to the app's accounts (left as they are, or deactivated first, with the dry run's count), confirmed by typing its name. */
export function DeleteAppChoice({ preview, error, busy, onCancel, onDelete }: Props) {
  const [choice, setChoice] = useState<"leave" | "deactivate">("leave");
  const [typed, setTyped] = useState("");
  const option = "flex gap-3 rounded-lg p-3 text-sm ring-1 ring-inset ring-zinc-200 has-[:checked]:bg-brand-50 has-[:checked]:ring-brand-300";
  return (
    <form
      className="mt-4 space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        onDelete({ accounts: choice, confirmName: typed });
      }}
    >
      <p className="text-sm text-zinc-700">
        {preview.accounts > 0 ? `${people(preview.accounts)} in ${preview.name}.` : `No one has an account in ${preview.name} that Roster manages.`} Deleting
        the app removes its settings, assignments and provisioning log from Roster.
      </p>
      {preview.accounts > 0 ? (
        <fieldset className="space-y-2">
          <legend className="mb-2 text-sm font-medium text-zinc-800">What happens to those accounts in {preview.name}?</legend>
          <label className={option}>
            <input type="radio" name="accounts" value="leave" checked={choice === "leave"} onChange={() => setChoice("leave")} className="mt-0.5" />
            <span>
              <span className="block font-medium text-zinc-900">Leave them as they are</span>
              <span className="text-zinc-600">Nothing is sent to {preview.name}. People keep their access there; Roster stops managing it.</span>
            </span>
          </label>
          <label className={option}>
            <input
              type="radio"
              name="accounts"
              value="deactivate"
              checked={choice === "deactivate"}
              onChange={() => setChoice("deactivate")}
              className="mt-0.5"
            />
            <span>
              <span className="block font-medium text-zinc-900">Deactivate them in {preview.name} first</span>
              <span className="text-zinc-600">
                A dry run counted {accounts(preview.deactivations)} to deactivate, whatever the sync actions say. Roster deactivates them, then deletes the app.
                If some cannot be deactivated, the app is kept and you are told why.
              </span>
            </span>
          </label>
        </fieldset>
      ) : null}
      <FormField id="confirm-app-name" label={`Type ${preview.name} to confirm`} error={error ?? undefined}>
        <Input id="confirm-app-name" autoComplete="off" value={typed} onChange={(event) => setTyped(event.target.value)} aria-invalid={Boolean(error)} />
      </FormField>
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="secondary" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
        <Button type="submit" variant="danger" disabled={busy || typed.trim() !== preview.name}>
          {busy ? "Deleting…" : choice === "deactivate" && preview.accounts > 0 ? `Deactivate ${accounts(preview.deactivations)} and delete` : "Delete app"}
        </Button>
      </div>
    </form>
  );
}
