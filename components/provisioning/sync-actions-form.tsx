"use client";

import { CheckCircle2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/class-names";
import type { ActionResult } from "@/lib/actions/define-action";
import type { SyncActionsInput } from "@/lib/provisioning/schemas/provisioning";

type Actions = Omit<SyncActionsInput, "appId">;

const ACTIONS: { key: keyof Actions; label: string; explain: (app: string) => string }[] = [
  {
    key: "syncCreate",
    label: "Create users",
    explain: (app) => `Assigning someone to ${app} creates their account there (or links the account they already have).`,
  },
  { key: "syncUpdate", label: "Update user profile", explain: (app) => `Changes to mapped fields in the directory are sent to their ${app} account.` },
  { key: "syncDelete", label: "Delete users", explain: (app) => `Deleting someone from the directory deletes their account record in ${app}.` },
  {
    key: "syncActivation",
    label: "Activate and deactivate users",
    explain: (app) => `Unassigning or deactivating someone deactivates their ${app} account; assigning or activating them again reactivates it.`,
  },
  {
    key: "pushGroups",
    label: "Push groups",
    explain: (app) =>
      `Groups assigned to ${app} and marked “Push” on its Users tab are created there too, their members kept equal to the directory's (people with an account there). A group no longer pushed is deleted in ${app}.`,
  },
];

interface Props {
  appId: string;
  appName: string;
  initial: Actions;
  alreadySaved: boolean;
  canEdit: boolean;
  save: (input: SyncActionsInput) => Promise<ActionResult<{ state: string }>>;
}

export function SyncActionsForm({ appId, appName, initial, alreadySaved, canEdit, save }: Props) {
  const router = useRouter();
  const [actions, setActions] = useState(initial);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);

  async function onSave() {
    setSaving(true);
    const result = await save({ appId, ...actions });
    setSaving(false);
    if (!result.ok) return void toast.error(result.message);
    setSaved(true);
    toast.success("Sync actions saved.");
    router.refresh();
  }

  return (
    <div className="divide-y divide-zinc-100">
      <ul className="divide-y divide-zinc-100">
        {ACTIONS.map((action) => (
          <li key={action.key} className="flex items-start justify-between gap-6 px-6 py-4">
            <div>
              <p id={`${action.key}-label`} className="font-medium text-zinc-900">
                {action.label}
              </p>
              <p className="text-sm text-zinc-500">{action.explain(appName)}</p>
            </div>
            <button
              type="button"
              role="switch"
              aria-checked={actions[action.key] === true}
              aria-labelledby={`${action.key}-label`}
              disabled={!canEdit}
              onClick={() => setActions((current) => ({ ...current, [action.key]: !current[action.key] }))}
              className={cn(
                "relative mt-1 inline-flex h-6 w-11 shrink-0 rounded-full transition-colors disabled:opacity-50",
                actions[action.key] ? "bg-brand-600" : "bg-zinc-300",
              )}
            >
              <span
                className={cn("absolute top-0.5 left-0.5 size-5 rounded-full bg-white shadow transition-transform", actions[action.key] && "translate-x-5")}
              />
            </button>
          </li>
        ))}
      </ul>
      {saved || alreadySaved ? (
        <div role="status" className="flex flex-wrap items-center justify-between gap-4 bg-emerald-50/60 px-6 py-4">
          <p className="flex items-center gap-2 text-sm text-emerald-800">
            <CheckCircle2 aria-hidden className="size-4 shrink-0" /> Provisioning to {appName} is on. Changes in the directory now reach it by themselves.
          </p>
          <div className="flex flex-wrap gap-2">
            {canEdit ? (
              <Button variant="secondary" onClick={onSave} disabled={saving}>
                {saving ? "Saving…" : "Save"}
              </Button>
            ) : null}
            <Button variant="secondary" asChild>
              <Link href={`/applications/${appId}/import`}>Import users from {appName}</Link>
            </Button>
            <Button asChild>
              <Link href={`/applications/${appId}`}>Done</Link>
            </Button>
          </div>
        </div>
      ) : (
        <div className="flex justify-end px-6 py-4">
          <Button onClick={onSave} disabled={saving || !canEdit}>
            {saving ? "Saving…" : "Save"}
          </Button>
        </div>
      )}
    </div>
  );
}
