"use client";

import type { ReactNode } from "react";
import { Input, Select } from "@/components/ui/input";
import { DIRECTORY_FIELDS, DIRECTORY_FIELD_KEYS, type DirectoryField } from "@/lib/provisioning/mapping/directory-fields";
import type { TransformStep } from "@/lib/provisioning/mapping/transforms";

interface Props {
  step: TransformStep;
  /** 1-based, for the labels screen readers announce. */
  position: number;
  onChange: (step: TransformStep) => void;
}

const small = "py-1.5";

/** A small visible caption over one setting; the control keeps its step-numbered name for screen readers. */
function Caption({ text, children }: { text: string; children: ReactNode }) {
  return (
    <label className="block space-y-1 text-xs text-zinc-600">
      <span>{text}</span>
      {children}
    </label>
  );
}

/** The settings of one transform step (the field to join, the default, N, the text to replace). */
export function TransformStepFields({ step, position, onChange }: Props) {
  const name = (what: string) => `Step ${position}: ${what}`;
  switch (step.kind) {
    case "join":
      return (
        <div className="grid gap-2 sm:grid-cols-[1fr_8rem]">
          <Caption text="Field to add">
            <Select
              aria-label={name("field to add")}
              className={small}
              value={step.fields[0]}
              onChange={(event) => onChange({ ...step, fields: [event.target.value as DirectoryField, ...step.fields.slice(1)] })}
            >
              {DIRECTORY_FIELD_KEYS.map((key) => (
                <option key={key} value={key}>
                  {DIRECTORY_FIELDS[key]}
                </option>
              ))}
            </Select>
          </Caption>
          <Caption text="Separator (spaces count)">
            <Input
              aria-label={name("separator")}
              className={`${small} font-mono whitespace-pre`}
              value={step.separator}
              onChange={(event) => onChange({ ...step, separator: event.target.value })}
            />
          </Caption>
        </div>
      );
    case "default":
      return (
        <Caption text="Value when empty">
          <Input
            aria-label={name("value when empty")}
            className={small}
            value={step.value}
            onChange={(event) => onChange({ ...step, value: event.target.value })}
          />
        </Caption>
      );
    case "firstCharacters":
      return (
        <Caption text="Number of characters">
          <Input
            type="number"
            inputMode="numeric"
            min={1}
            max={500}
            aria-label={name("number of characters")}
            className={`${small} w-28`}
            value={Number.isNaN(step.count) ? "" : step.count}
            onChange={(event) => onChange({ ...step, count: event.target.value === "" ? Number.NaN : Number(event.target.value) })}
          />
        </Caption>
      );
    case "replace":
      return (
        <div className="grid gap-2 sm:grid-cols-2">
          <Caption text="Text to find (exactly as typed)">
            <Input
              aria-label={name("text to find")}
              className={`${small} font-mono`}
              value={step.find}
              onChange={(event) => onChange({ ...step, find: event.target.value })}
            />
          </Caption>
          <Caption text="Replace with (may be empty)">
            <Input
              aria-label={name("replace with")}
              className={`${small} font-mono`}
              value={step.with}
              onChange={(event) => onChange({ ...step, with: event.target.value })}
            />
          </Caption>
        </div>
      );
    default:
      return null;
  }
}
