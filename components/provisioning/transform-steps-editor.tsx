"use client";

import { ArrowUp, Plus, X } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import { MAX_TRANSFORM_STEPS, TRANSFORM_LABELS, newTransformStep, type TransformKind, type TransformStep } from "@/lib/provisioning/mapping/transforms";
import { TransformStepFields } from "./transform-step-fields";

interface Props {
  steps: TransformStep[];
  onChange: (steps: TransformStep[]) => void;
  error: string | null;
}

const KINDS = Object.keys(TRANSFORM_LABELS) as TransformKind[];

/** The transforms of one attribute, applied top to bottom: add, change, move up, remove. */
export function TransformStepsEditor({ steps, onChange, error }: Props) {
  const [adding, setAdding] = useState<TransformKind>("lowercase");
  const replace = (index: number, step: TransformStep) => onChange(steps.map((current, at) => (at === index ? step : current)));
  const remove = (index: number) => onChange(steps.filter((_, at) => at !== index));
  const moveUp = (index: number) => onChange(steps.map((current, at) => (at === index - 1 ? steps[index]! : at === index ? steps[index - 1]! : current)));

  return (
    <div className="space-y-2 rounded-lg bg-zinc-50 p-3 ring-1 ring-zinc-200 ring-inset">
      <p className="text-xs text-zinc-500">Applied in order, top to bottom, to the field’s value.</p>
      {steps.length === 0 ? <p className="text-sm text-zinc-600">No transforms yet: add one below.</p> : null}
      <ol className="space-y-2">
        {steps.map((step, index) => (
          <li key={index} className="space-y-1.5 rounded-md bg-white p-2 ring-1 ring-zinc-200">
            <div className="flex items-center justify-between gap-2">
              <span className="text-sm font-medium text-zinc-800">
                {index + 1}. {TRANSFORM_LABELS[step.kind]}
              </span>
              <span className="flex shrink-0">
                {index > 0 ? (
                  <Button variant="ghost" size="sm" aria-label={`Move step ${index + 1} up`} onClick={() => moveUp(index)}>
                    <ArrowUp aria-hidden className="size-3.5" />
                  </Button>
                ) : null}
                <Button variant="ghost" size="sm" aria-label={`Remove step ${index + 1}`} onClick={() => remove(index)}>
                  <X aria-hidden className="size-3.5" />
                </Button>
              </span>
            </div>
            <TransformStepFields step={step} position={index + 1} onChange={(next) => replace(index, next)} />
          </li>
        ))}
      </ol>
      {error ? (
        <p role="alert" className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
      {steps.length < MAX_TRANSFORM_STEPS ? (
        <div className="flex gap-2">
          <Select aria-label="Transform to add" className="py-1.5" value={adding} onChange={(event) => setAdding(event.target.value as TransformKind)}>
            {KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {TRANSFORM_LABELS[kind]}
              </option>
            ))}
          </Select>
          <Button variant="secondary" size="sm" className="shrink-0" onClick={() => onChange([...steps, newTransformStep(adding)])}>
            <Plus aria-hidden className="size-3.5" /> Add step
          </Button>
        </div>
      ) : (
        <p className="text-xs text-zinc-500">That is the most steps one attribute can have ({MAX_TRANSFORM_STEPS}).</p>
      )}
    </div>
  );
}
