"use client";

import { useQuery } from "@tanstack/react-query";
import { RotateCcw } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Select } from "@/components/ui/input";
import { LeaveConfirmDialog } from "@/components/ui/leave-confirm-dialog";
import { useLeaveGuard } from "@/components/ui/use-leave-guard";
import type { ActionResult } from "@/lib/actions/define-action";
import type { MappingRuleInput } from "@/lib/provisioning/schemas/provisioning";
import { changedTargets } from "./mapping-changes";
import { MappingEditDialog } from "./mapping-edit-dialog";
import { MappingTable } from "./mapping-table";
import { UnsavedChangesBar } from "./unsaved-changes-bar";

interface Props {
  appId: string;
  appName: string;
  targets: { path: string; label: string; required: boolean }[];
  initial: MappingRuleInput[];
  defaults: MappingRuleInput[];
  editable: boolean;
  readOnlyNote: ReactNode;
  people: { id: string; label: string }[];
  defaultSampleId: string;
  save: (input: { appId: string; rules: MappingRuleInput[] }) => Promise<ActionResult<{ changed: string[] }>>;
  preview: (input: { appId: string; userId: string; rules: MappingRuleInput[] }) => Promise<ActionResult<unknown>>;
}

export const mappingKeys = {
  preview: (appId: string, userId: string, rules: MappingRuleInput[]) => ["mapping-preview", appId, userId, rules] as const,
};

export function MappingEditor({ appId, appName, targets, initial, defaults, editable, readOnlyNote, people, defaultSampleId, save, preview }: Props) {
  const router = useRouter();
  const [saved, setSaved] = useState<MappingRuleInput[]>(initial);
  const [rules, setRules] = useState<MappingRuleInput[]>(initial);
  const [editing, setEditing] = useState<string | null>(null);
  const [sampleId, setSampleId] = useState(defaultSampleId);
  const [problems, setProblems] = useState<Record<string, string[]>>({});
  const [saving, setSaving] = useState(false);
  const changed = changedTargets(saved, rules);
  const guard = useLeaveGuard(editable && changed.length > 0);

  const previewQuery = useQuery({
    queryKey: mappingKeys.preview(appId, sampleId, rules),
    queryFn: async () => {
      const result = await preview({ appId, userId: sampleId, rules });
      if (!result.ok) throw new Error(result.message);
      return result.data;
    },
    placeholderData: (previous) => previous,
  });

  function update(target: string, rule: MappingRuleInput | null) {
    setRules((current) => [...current.filter((candidate) => candidate.target !== target), ...(rule ? [rule] : [])]);
    setProblems((current) => ({ ...current, [target]: [] }));
    setEditing(null);
  }

  async function onSave(next: "stay" | "actions") {
    setSaving(true);
    const result = await save({ appId, rules });
    setSaving(false);
    if (!result.ok) {
      setProblems(result.fieldErrors ?? {});
      toast.error(result.message);
      return;
    }
    setSaved(rules);
    toast.success("Field mapping saved.");
    if (next === "actions") router.push(`/applications/${appId}/provisioning/actions`);
    router.refresh();
  }

  const editingTarget = targets.find((target) => target.path === editing);

  return (
    <div className="grid grid-cols-1 gap-6 2xl:grid-cols-5">
      <Card className="min-w-0 2xl:col-span-3">
        <CardHeader
          focusOnMount
          title="Map fields"
          description={`What Roster sends to ${appName} for each person. Empty values are left out.`}
          action={
            editable ? (
              <Button variant="ghost" size="sm" className="whitespace-nowrap" onClick={() => (setRules(defaults), setProblems({}))}>
                <RotateCcw aria-hidden className="size-4" /> Reset to defaults
              </Button>
            ) : null
          }
        />
        {readOnlyNote ? (
          <div className="px-6 pt-4">
            <Alert>{readOnlyNote}</Alert>
          </div>
        ) : null}
        <MappingTable
          appName={appName}
          targets={targets}
          rules={rules}
          changed={new Set(changed)}
          problems={problems}
          editable={editable}
          onEdit={setEditing}
        />
        <div className="flex justify-end border-t border-zinc-100 px-6 py-4">
          <Button onClick={() => onSave("actions")} disabled={saving}>
            {saving ? "Saving…" : "Save and Next"}
          </Button>
        </div>
      </Card>
      <Card className="min-w-0 2xl:col-span-2">
        <CardHeader title="Preview" description="The exact SCIM user that would be sent, with your unsaved changes." />
        <div className="space-y-3 px-6 py-5">
          <Select aria-label="Sample user" value={sampleId} onChange={(event) => setSampleId(event.target.value)}>
            {people.map((person) => (
              <option key={person.id} value={person.id}>
                {person.label}
              </option>
            ))}
          </Select>
          {previewQuery.error ? <Alert tone="error">{previewQuery.error.message}</Alert> : null}
          {/* It scrolls, so keyboard users can focus it to scroll (axe: scrollable-region-focusable). */}
          <pre
            aria-label="SCIM JSON preview"
            role="region"
            tabIndex={0}
            className="max-h-[32rem] overflow-auto outline-none focus-visible:ring-2 focus-visible:ring-brand-500 rounded-lg bg-zinc-950 p-4 font-mono text-xs leading-relaxed text-zinc-100"
            aria-busy={previewQuery.isFetching}
          >
            {previewQuery.data ? JSON.stringify(previewQuery.data, null, 2) : "Loading…"}
          </pre>
        </div>
      </Card>
      {editable ? (
        <UnsavedChangesBar
          className="2xl:col-span-5"
          count={changed.length}
          saving={saving}
          onSave={() => onSave("stay")}
          onDiscard={() => (setRules(saved), setProblems({}))}
        />
      ) : null}
      {editingTarget ? (
        <MappingEditDialog
          target={editingTarget.path}
          label={editingTarget.label}
          required={editingTarget.required}
          current={rules.find((rule) => rule.target === editingTarget.path)}
          onSave={(rule) => update(editingTarget.path, rule)}
          onClose={() => setEditing(null)}
        />
      ) : null}
      <LeaveConfirmDialog
        open={guard.pending}
        message={`Your ${changed.length} ${changed.length === 1 ? "change" : "changes"} to the mapping will be lost.`}
        onLeave={guard.leave}
        onStay={guard.stay}
      />
    </div>
  );
}
