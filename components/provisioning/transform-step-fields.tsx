"use client";

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

/** The settings of one transform step (fields to join, the default, N, the text to replace). */
export function TransformStepFields({ step, position, onChange }: Props) {
  const id = (name: string) => `transform-${position}-${name}`;
  switch (step.kind) {
    case "join":
      return (
        <div className="grid gap-2 sm:grid-cols-[1fr_7rem]">
          <Select
            aria-label={`Step ${position}: field to add`}
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
          <Input
            id={id("separator")}
            aria-label={`Step ${position}: separator`}
            placeholder="Separator"
            className={`${small} font-mono`}
            value={step.separator}
            onChange={(event) => onChange({ ...step, separator: event.target.value })}
          />
        </div>
      );
    case "default":
      return (
        <Input
          aria-label={`Step ${position}: value when empty`}
          placeholder="Value when empty"
          className={small}
          value={step.value}
          onChange={(event) => onChange({ ...step, value: event.target.value })}
        />
      );
    case "firstCharacters":
      return (
        <Input
          type="number"
          inputMode="numeric"
          min={1}
          max={500}
          aria-label={`Step ${position}: number of characters`}
          className={`${small} w-28`}
          value={Number.isNaN(step.count) ? "" : step.count}
          onChange={(event) => onChange({ ...step, count: event.target.value === "" ? Number.NaN : Number(event.target.value) })}
        />
      );
    case "replace":
      return (
        <div className="grid gap-2 sm:grid-cols-2">
          <Input
            aria-label={`Step ${position}: text to find`}
            placeholder="Find"
            className={`${small} font-mono`}
            value={step.find}
            onChange={(event) => onChange({ ...step, find: event.target.value })}
          />
          <Input
            aria-label={`Step ${position}: replace with`}
            placeholder="Replace with (may be empty)"
            className={`${small} font-mono`}
            value={step.with}
            onChange={(event) => onChange({ ...step, with: event.target.value })}
          />
        </div>
      );
    default:
      return null;
  }
}
