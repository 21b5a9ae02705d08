"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import * as Dialog from "@radix-ui/react-dialog";
import { useId, useState, type ReactNode } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { ActionResult } from "@/lib/actions/define-action";
import { GROUP_DESCRIPTION_MAX, createGroupInput, type CreateGroupFormValues } from "@/lib/directory/schemas/group";

interface Props {
  trigger: ReactNode;
  title: string;
  description: string;
  submitLabel: string;
  defaultValues: { name: string; description: string };
  /** Saves the values; a field error (a taken name) comes back under the field. */
  save: (values: { name: string; description: string }) => Promise<ActionResult<unknown>>;
  onSaved: () => void;
}

/** A group's name and description in a dialog: the "New group" and "Edit details" forms. */
export function GroupDetailsDialog({ trigger, title, description, submitLabel, defaultValues, save, onSaved }: Props) {
  const ids = useId();
  const [open, setOpen] = useState(false);
  const form = useForm<CreateGroupFormValues, unknown, { name: string; description: string }>({ resolver: zodResolver(createGroupInput), defaultValues });
  const { errors, isSubmitting } = form.formState;

  async function onSubmit(values: { name: string; description: string }) {
    const result = await save(values);
    if (!result.ok) {
      const nameError = result.fieldErrors?.name?.[0];
      const descriptionError = result.fieldErrors?.description?.[0];
      if (nameError) form.setError("name", { message: nameError });
      if (descriptionError) form.setError("description", { message: descriptionError });
      if (!nameError && !descriptionError) toast.error(result.message);
      return;
    }
    setOpen(false);
    onSaved();
  }

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        if (isSubmitting) return;
        setOpen(next);
        if (next) form.reset(defaultValues);
      }}
    >
      <Dialog.Trigger asChild>{trigger}</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-zinc-900/40" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 w-[calc(100%-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-6 shadow-xl ring-1 ring-zinc-200">
          <Dialog.Title className="text-base font-semibold text-zinc-900">{title}</Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-zinc-600">{description}</Dialog.Description>
          <form onSubmit={form.handleSubmit(onSubmit)} noValidate className="mt-5 space-y-4">
            <FormField id={`${ids}-name`} label="Name" hint="Unique in your directory, whatever the letter case." error={errors.name?.message}>
              <Input
                id={`${ids}-name`}
                autoComplete="off"
                aria-invalid={Boolean(errors.name)}
                aria-describedby={errors.name ? `${ids}-name-error` : `${ids}-name-hint`}
                {...form.register("name")}
              />
            </FormField>
            <FormField
              id={`${ids}-description`}
              label="Description"
              hint={`Optional: who belongs in it, up to ${GROUP_DESCRIPTION_MAX.toLocaleString("en-US")} characters.`}
              error={errors.description?.message}
            >
              <textarea
                id={`${ids}-description`}
                rows={3}
                aria-invalid={Boolean(errors.description)}
                aria-describedby={errors.description ? `${ids}-description-error` : `${ids}-description-hint`}
                className="block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-zinc-900 shadow-sm ring-1 ring-zinc-300 ring-inset placeholder:text-zinc-500 focus:ring-2 focus:ring-brand-500 focus:outline-none focus:ring-inset aria-[invalid=true]:ring-red-500"
                {...form.register("description")}
              />
            </FormField>
            <div className="flex justify-end gap-2 pt-2">
              <Dialog.Close asChild>
                <Button variant="secondary" disabled={isSubmitting}>
                  Cancel
                </Button>
              </Dialog.Close>
              <Button type="submit" disabled={isSubmitting}>
                {isSubmitting ? "Saving…" : submitLabel}
              </Button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
