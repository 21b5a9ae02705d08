"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import * as Dialog from "@radix-ui/react-dialog";
import { useState, type ReactNode } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/define-action";
import { secondStepInput, type SecondStepInput } from "@/lib/auth/schemas";
import { CodeField } from "./code-field";

interface Props<T> {
  trigger: ReactNode;
  title: string;
  /** What happens once the code is right, in plain words. */
  children: ReactNode;
  submitLabel: string;
  tone?: "primary" | "danger";
  action: (input: SecondStepInput) => Promise<ActionResult<T>>;
  onDone: (data: T) => void;
}

/** Asks for a code from the authenticator app (or a recovery code) before a change to one's own two-step sign-in. */
export function TwoStepCodeDialog<T>({ trigger, title, children, submitLabel, tone = "primary", action, onDone }: Props<T>) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const form = useForm<SecondStepInput>({ resolver: zodResolver(secondStepInput), defaultValues: { code: "" } });
  const { errors, isSubmitting } = form.formState;

  function onOpenChange(next: boolean) {
    if (isSubmitting) return;
    setOpen(next);
    if (!next) {
      setError(null);
      form.reset();
    }
  }

  async function onSubmit(values: SecondStepInput) {
    setError(null);
    const result = await action(values);
    if (result.ok) {
      setOpen(false);
      form.reset();
      return onDone(result.data);
    }
    setError(result.message);
    form.setValue("code", "");
    form.setFocus("code");
  }

  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Trigger asChild>{trigger}</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-zinc-900/40" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-6 shadow-xl ring-1 ring-zinc-200">
          <Dialog.Title className="text-base font-semibold text-zinc-900">{title}</Dialog.Title>
          <Dialog.Description asChild>
            <div className="mt-2 space-y-2 text-sm text-zinc-600">{children}</div>
          </Dialog.Description>
          <form onSubmit={form.handleSubmit(onSubmit)} noValidate className="mt-4 space-y-4">
            {error ? <Alert tone="error">{error}</Alert> : null}
            <CodeField
              id="own-code"
              label="Code from your app, or a recovery code"
              error={errors.code?.message}
              registration={form.register("code")}
              numeric={false}
            />
            <div className="flex justify-end gap-2">
              <Dialog.Close asChild>
                <Button type="button" variant="secondary" disabled={isSubmitting}>
                  Cancel
                </Button>
              </Dialog.Close>
              <Button type="submit" variant={tone} disabled={isSubmitting}>
                {isSubmitting ? "Checking…" : submitLabel}
              </Button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
