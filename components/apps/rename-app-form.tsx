"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { ActionResult } from "@/lib/actions/define-action";
import { renameAppInput, type RenameAppInput } from "@/lib/provisioning/schemas/app-lifecycle";

interface Props {
  app: { id: string; name: string };
  canEdit: boolean;
  rename: (input: RenameAppInput) => Promise<ActionResult<{ changed: boolean }>>;
}

/** The app's name in Roster: what lists, the log and the audit log call it. Nothing is sent to the app. */
export function RenameAppForm({ app, canEdit, rename }: Props) {
  const router = useRouter();
  const form = useForm<RenameAppInput>({ resolver: zodResolver(renameAppInput), defaultValues: { appId: app.id, name: app.name } });
  const { errors, isSubmitting } = form.formState;

  async function onSubmit(values: RenameAppInput) {
    const result = await rename(values);
    if (!result.ok) {
      const fieldErrors = Object.entries(result.fieldErrors ?? {});
      for (const [field, messages] of fieldErrors) form.setError(field as keyof RenameAppInput, { message: messages[0] });
      if (fieldErrors.length === 0) form.setError("root", { message: result.message });
      return;
    }
    toast.success(result.data.changed ? `Renamed to ${values.name}.` : "The name is unchanged.");
    form.reset(values);
    router.refresh();
  }

  return (
    <form onSubmit={form.handleSubmit(onSubmit)} noValidate className="space-y-4 px-6 py-5">
      {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
      <FormField id="app-name" label="Name" hint="Only Roster uses this name; the app itself is not told." error={errors.name?.message}>
        <Input
          id="app-name"
          autoComplete="off"
          maxLength={200}
          disabled={!canEdit}
          aria-invalid={Boolean(errors.name)}
          defaultValue={app.name}
          {...form.register("name")}
        />
      </FormField>
      {canEdit ? (
        <div className="flex justify-end">
          <Button type="submit" disabled={isSubmitting}>
            {isSubmitting ? "Saving…" : "Save name"}
          </Button>
        </div>
      ) : null}
    </form>
  );
}
