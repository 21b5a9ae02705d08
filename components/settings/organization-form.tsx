"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input, Select } from "@/components/ui/input";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { ActionResult } from "@/lib/actions/define-action";
import { updateOrganizationInput, type UpdateOrganizationInput } from "@/lib/directory/schemas/organization";

const PLAN_OPTIONS = [
  { value: "FREE", label: "Free", note: "Default field mappings only" },
  { value: "STANDARD", label: "Standard", note: "Custom field mappings" },
  { value: "PROFESSIONAL", label: "Professional", note: "Custom field mappings" },
] as const;

type OrganizationForm = UpdateOrganizationInput;

interface Props {
  initial: OrganizationForm;
  canEdit: boolean;
  action: (input: OrganizationForm) => Promise<ActionResult<{ changed: string[] }>>;
}

export function OrganizationSettingsForm({ initial, canEdit, action }: Props) {
  const router = useRouter();
  const form = useForm<OrganizationForm>({ resolver: zodResolver(updateOrganizationInput), defaultValues: initial });
  // Each field also gets its value as `defaultValue`: react-hook-form fills registered fields only once the page has
  // hydrated, and until then the server's HTML would show an empty name and the first plan.
  const { errors, isSubmitting, isDirty } = form.formState;
  // Until the page has hydrated a change would be lost, so the fields wait (and Playwright with them).
  const hydrated = useHydrated();

  async function onSubmit(values: OrganizationForm) {
    const result = await action(values);
    if (!result.ok) {
      for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) {
        if (field === "name" || field === "plan") form.setError(field, { message: messages[0] });
      }
      if (!result.fieldErrors) toast.error(result.message);
      return;
    }
    form.reset(values);
    toast.success(result.data.changed.length ? "Organization settings saved." : "Nothing changed.");
    router.refresh();
  }

  return (
    <form onSubmit={form.handleSubmit(onSubmit)} noValidate className="space-y-5 px-6 py-5">
      {!canEdit ? <Alert>Only an Owner can change these settings.</Alert> : null}
      <FormField id="name" label="Organization name" error={errors.name?.message}>
        <Input id="name" disabled={!canEdit || !hydrated} aria-invalid={Boolean(errors.name)} defaultValue={initial.name} {...form.register("name")} />
      </FormField>
      <FormField id="plan" label="Plan" hint="Changing provisioning field mappings needs Standard or Professional." error={errors.plan?.message}>
        <Select id="plan" disabled={!canEdit || !hydrated} defaultValue={initial.plan} {...form.register("plan")}>
          {PLAN_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label} — {option.note}
            </option>
          ))}
        </Select>
      </FormField>
      {canEdit ? (
        <div className="flex justify-end">
          <Button type="submit" disabled={isSubmitting || !isDirty}>
            {isSubmitting ? "Saving…" : "Save changes"}
          </Button>
        </div>
      ) : null}
    </form>
  );
}
