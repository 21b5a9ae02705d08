"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input, Select } from "@/components/ui/input";
import { DIRECTORY_FIELDS, DIRECTORY_FIELD_KEYS } from "@/lib/provisioning/mapping/directory-fields";
import { transformSteps, type TransformStep } from "@/lib/provisioning/mapping/transforms";
import { hardcodedValueField, type MappingRuleInput } from "@/lib/provisioning/schemas/provisioning";
import { TransformStepsEditor } from "./transform-steps-editor";

type Kind = "field" | "transform" | "hardcoded" | "none";

interface Props {
  target: string;
  label: string;
  required: boolean;
  current: MappingRuleInput | undefined;
  onSave: (rule: MappingRuleInput | null) => void;
  onClose: () => void;
}

function initialKind(current: MappingRuleInput | undefined, required: boolean): Kind {
  if (current?.hardcodedValue != null) return "hardcoded";
  if (current?.sourceField) return (current.transforms ?? []).length > 0 ? "transform" : "field";
  return required ? "field" : "none";
}

/** Where the first of several problems with the steps is, in words: "Step 2: Enter the text to find." */
function stepsProblem(steps: TransformStep[]): string | null {
  const parsed = transformSteps.safeParse(steps);
  if (parsed.success) return steps.length === 0 ? "Add at least one transform, or choose “A directory field”." : null;
  const issue = parsed.error.issues[0]!;
  return typeof issue.path[0] === "number" ? `Step ${issue.path[0] + 1}: ${issue.message}` : issue.message;
}

/** Picks where one attribute's value comes from: a directory field (as is, or transformed), a hardcoded value, or nothing. */
export function MappingEditDialog({ target, label, required, current, onSave, onClose }: Props) {
  const [kind, setKind] = useState<Kind>(initialKind(current, required));
  const [field, setField] = useState(current?.sourceField ?? "email");
  const [value, setValue] = useState(current?.hardcodedValue ?? "");
  const [steps, setSteps] = useState<TransformStep[]>(current?.transforms ?? []);
  const [error, setError] = useState<string | null>(null);
  const [stepsError, setStepsError] = useState<string | null>(null);

  function save() {
    if (kind === "none") return onSave(null);
    if (kind === "field") return onSave({ target, sourceField: field, hardcodedValue: null, transforms: [] });
    if (kind === "transform") {
      const problem = stepsProblem(steps);
      if (problem) return setStepsError(problem);
      return onSave({ target, sourceField: field, hardcodedValue: null, transforms: transformSteps.parse(steps) });
    }
    const parsed = hardcodedValueField.safeParse(value);
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? "Enter a value.");
    onSave({ target, sourceField: null, hardcodedValue: parsed.data, transforms: [] });
  }

  const fieldSelect = (
    <Select aria-label="Directory field" value={field} onChange={(event) => setField(event.target.value)}>
      {DIRECTORY_FIELD_KEYS.map((key) => (
        <option key={key} value={key}>
          {DIRECTORY_FIELDS[key]}
        </option>
      ))}
    </Select>
  );

  const option = (value: Kind, text: string, disabled = false) => (
    <label className={`flex items-center gap-2 text-sm ${disabled ? "text-zinc-500" : "text-zinc-800"}`}>
      <input type="radio" name="source-kind" value={value} checked={kind === value} disabled={disabled} onChange={() => setKind(value)} className="size-4" />
      {text}
    </label>
  );

  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-zinc-900/40" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 max-h-[calc(100dvh-2rem)] w-[calc(100%-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl bg-white p-6 shadow-xl ring-1 ring-zinc-200">
          <Dialog.Title className="text-base font-semibold text-zinc-900">Map “{label}”</Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-zinc-500">
            <code className="rounded bg-zinc-100 px-1 py-0.5 text-xs text-zinc-700">{target}</code>
          </Dialog.Description>
          <fieldset className="mt-5 space-y-3">
            <legend className="sr-only">Value comes from</legend>
            {option("field", "A directory field")}
            {kind === "field" ? fieldSelect : null}
            {option("transform", "A directory field, transformed (join, case, default…)")}
            {kind === "transform" ? (
              <div className="space-y-2">
                {fieldSelect}
                <TransformStepsEditor steps={steps} onChange={(next) => (setSteps(next), setStepsError(null))} error={stepsError} />
              </div>
            ) : null}
            {option("hardcoded", "A hardcoded value, the same for everyone")}
            {kind === "hardcoded" ? (
              <FormField id="hardcoded-value" label="Hardcoded value" error={error ?? undefined}>
                <Input id="hardcoded-value" value={value} aria-invalid={Boolean(error)} onChange={(event) => (setValue(event.target.value), setError(null))} />
              </FormField>
            ) : null}
            {option("none", required ? "Not mapped (not possible: the app needs this attribute)" : "Not mapped: leave it out", required)}
          </fieldset>
          <div className="mt-6 flex justify-end gap-2">
            <Button variant="secondary" onClick={onClose}>
              Cancel
            </Button>
            <Button onClick={save}>OK</Button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
