"use client";

import { useQuery } from "@tanstack/react-query";
import { Pencil, RotateCcw } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Select } from "@/components/ui/input";
import { Table, Td, Th } from "@/components/ui/table";
import type { ActionResult } from "@/lib/actions/define-action";
import { DIRECTORY_FIELDS, type DirectoryField } from "@/lib/provisioning/mapping/directory-fields";
import type { MappingRuleInput } from "@/lib/provisioning/schemas/provisioning";
import { MappingEditDialog } from "./mapping-edit-dialog";

interface Props {
  appId: string;
  appName: string;
  targets: { path: string; label: string; required: boolean }[];
  initial: MappingRuleInput[];
  defaults: MappingRuleInput[];
  editable: boolean;
  readOnlyNote: string | null;
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
  const [rules, setRules] = useState<MappingRuleInput[]>(initial);
  const [editing, setEditing] = useState<string | null>(null);
  const [sampleId, setSampleId] = useState(defaultSampleId);
  const [problems, setProblems] = useState<Record<string, string[]>>({});
  const [saving, setSaving] = useState(false);
  const byTarget = new Map(rules.map((rule) => [rule.target, rule]));

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

  async function onSave() {
    setSaving(true);
    const result = await save({ appId, rules });
    setSaving(false);
    if (!result.ok) {
      setProblems(result.fieldErrors ?? {});
      toast.error(result.message);
      return;
    }
    toast.success("Field mapping saved.");
    router.push(`/applications/${appId}/provisioning/actions`);
    router.refresh();
  }

  const editingTarget = targets.find((target) => target.path === editing);

  return (
    <div className="grid gap-6 2xl:grid-cols-5">
      <Card className="2xl:col-span-3">
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
        <Table>
          <thead>
            <tr>
              <Th>{appName} attribute</Th>
              <Th>Value from</Th>
              <Th className="w-20">
                <span className="sr-only">Edit</span>
              </Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {targets.map((target) => {
              const rule = byTarget.get(target.path);
              const problem = problems[target.path]?.[0];
              return (
                <tr key={target.path}>
                  <Td>
                    <div className="font-medium text-zinc-900">
                      {target.label} {target.required ? <Badge tone="warning">Required</Badge> : null}
                    </div>
                    <code className="text-xs break-all text-zinc-500">{target.path}</code>
                  </Td>
                  <Td>
                    {rule?.hardcodedValue != null ? (
                      <span>
                        <Badge tone="brand">Hardcoded</Badge> <span className="ml-1 font-mono text-xs">{rule.hardcodedValue}</span>
                      </span>
                    ) : rule?.sourceField ? (
                      (DIRECTORY_FIELDS[rule.sourceField as DirectoryField] ?? rule.sourceField)
                    ) : (
                      <span className="text-zinc-500">Not mapped</span>
                    )}
                    {problem ? (
                      <p role="alert" className="mt-1 text-xs text-red-600">
                        {problem}
                      </p>
                    ) : null}
                  </Td>
                  <Td>
                    {editable ? (
                      <Button variant="ghost" size="sm" aria-label={`Edit ${target.label}`} onClick={() => setEditing(target.path)}>
                        <Pencil aria-hidden className="size-3.5" /> Edit
                      </Button>
                    ) : null}
                  </Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
        <div className="flex justify-end border-t border-zinc-100 px-6 py-4">
          <Button onClick={onSave} disabled={saving}>
            {saving ? "Saving…" : "Save and Next"}
          </Button>
        </div>
      </Card>
      <Card className="2xl:col-span-2">
        <CardHeader title="Preview" description="The exact SCIM user that would be sent." />
        <div className="space-y-3 px-6 py-5">
          <Select aria-label="Sample user" value={sampleId} onChange={(event) => setSampleId(event.target.value)}>
            {people.map((person) => (
              <option key={person.id} value={person.id}>
                {person.label}
              </option>
            ))}
          </Select>
          {previewQuery.error ? <Alert tone="error">{previewQuery.error.message}</Alert> : null}
          <pre
            aria-label="SCIM JSON preview"
            className="max-h-[32rem] overflow-auto rounded-lg bg-zinc-950 p-4 font-mono text-xs leading-relaxed text-zinc-100"
            aria-busy={previewQuery.isFetching}
          >
            {previewQuery.data ? JSON.stringify(previewQuery.data, null, 2) : "Loading…"}
          </pre>
        </div>
      </Card>
      {editingTarget ? (
        <MappingEditDialog
          target={editingTarget.path}
          label={editingTarget.label}
          required={editingTarget.required}
          current={byTarget.get(editingTarget.path)}
          onSave={(rule) => update(editingTarget.path, rule)}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </div>
  );
}
