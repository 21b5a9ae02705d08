"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import * as Dialog from "@radix-ui/react-dialog";
import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { ActionResult } from "@/lib/actions/define-action";
import { addAppInput, type AddAppForm, type AddAppInput } from "@/lib/provisioning/schemas/app-lifecycle";

interface Props {
  catalogKey: string;
  /** The catalog entry's name ("Atlassian"). */
  name: string;
  /** The name the dialog starts with: the catalog name, or a free numbered one ("Atlassian 2"). */
  suggestedName: string;
  add: (input: AddAppInput) => Promise<ActionResult<{ id: string }>>;
}

/** "Add": asks for the app's name (prefilled), then opens its provisioning setup. */
export function AddAppButton({ catalogKey, name, suggestedName, add }: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const form = useForm<AddAppForm, unknown, AddAppInput>({ resolver: zodResolver(addAppInput), defaultValues: { catalogKey, name: suggestedName } });
  const { errors, isSubmitting } = form.formState;

  async function onSubmit(values: AddAppInput) {
    const result = await add(values);
    if (!result.ok) {
      const fieldErrors = Object.entries(result.fieldErrors ?? {});
      for (const [field, messages] of fieldErrors) form.setError(field as keyof AddAppForm, { message: messages[0] });
      if (fieldErrors.length === 0) form.setError("root", { message: result.message });
      return;
    }
    router.push(`/applications/${result.data.id}/provisioning`);
  }

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        if (isSubmitting) return;
        if (next) form.reset({ catalogKey, name: suggestedName });
        setOpen(next);
      }}
    >
      <Dialog.Trigger asChild>
        <Button variant="secondary" size="sm" aria-label={`Add ${name}`}>
          <Plus aria-hidden className="size-4" /> Add
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-zinc-900/40" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-6 shadow-xl ring-1 ring-zinc-200">
          <Dialog.Title className="text-base font-semibold text-zinc-900">Add {name}</Dialog.Title>
          <Dialog.Description className="mt-2 text-sm text-zinc-600">
            Give the app a name your admins will recognise, such as “{name} (staging)” if you connect more than one. You can rename it later.
          </Dialog.Description>
          <form onSubmit={form.handleSubmit(onSubmit)} noValidate className="mt-4 space-y-4">
            {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
            <FormField id={`add-app-name-${catalogKey}`} label="Name" error={errors.name?.message}>
              <Input id={`add-app-name-${catalogKey}`} autoComplete="off" maxLength={200} aria-invalid={Boolean(errors.name)} {...form.register("name")} />
            </FormField>
            <div className="flex justify-end gap-2">
              <Dialog.Close asChild>
                <Button variant="secondary" disabled={isSubmitting}>
                  Cancel
                </Button>
              </Dialog.Close>
              <Button type="submit" disabled={isSubmitting}>
                {isSubmitting ? "Adding…" : "Add and set up"}
              </Button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
