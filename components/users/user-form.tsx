"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input, Select } from "@/components/ui/input";
import type { ActionResult } from "@/lib/actions/define-action";
import { userInput, type UserFormValues, type UserInput } from "@/lib/directory/schemas/user";

type TextField = Exclude<keyof UserFormValues, "status">;

const SECTIONS: { title: string; fields: { name: TextField; label: string; hint?: string; type?: string; autoComplete?: string; list?: string }[] }[] = [
  {
    title: "Identity",
    fields: [
      { name: "email", label: "Work e-mail", type: "email", hint: "Also the username in apps such as Atlassian.", autoComplete: "off" },
      { name: "firstName", label: "First name" },
      { name: "lastName", label: "Last name" },
      { name: "displayName", label: "Display name", hint: "Leave empty to use the first and last name." },
    ],
  },
  {
    title: "Work",
    fields: [
      { name: "employeeId", label: "Employee ID" },
      { name: "title", label: "Job title" },
      { name: "department", label: "Department", list: "departments" },
    ],
  },
  {
    title: "Contact and region",
    fields: [
      { name: "mobile", label: "Mobile", type: "tel", hint: "With the country code, e.g. +44 7700 900123." },
      { name: "locale", label: "Locale", hint: "A language tag such as en-GB." },
      { name: "timezone", label: "Time zone", list: "time-zones", hint: "Such as Europe/London." },
    ],
  },
];

interface UserFormProps {
  initial?: Partial<UserFormValues>;
  departments: string[];
  submitLabel: string;
  save: (values: UserInput) => Promise<ActionResult<{ id: string }>>;
}

const TIME_ZONES = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];

export function UserForm({ initial, departments, submitLabel, save }: UserFormProps) {
  const router = useRouter();
  const form = useForm<UserFormValues, unknown, UserInput>({
    resolver: zodResolver(userInput),
    defaultValues: { status: "ACTIVE", ...Object.fromEntries(Object.entries(initial ?? {}).map(([key, value]) => [key, value ?? ""])) },
  });
  // Each field also gets its value as `defaultValue`: react-hook-form fills registered fields only once the page has
  // hydrated, and until then the server's HTML would show an empty form.
  const defaults = form.formState.defaultValues;
  const { errors, isSubmitting } = form.formState;

  async function onSubmit(values: UserInput) {
    const result = await save(values);
    if (!result.ok) {
      const fieldErrors = Object.entries(result.fieldErrors ?? {});
      for (const [field, messages] of fieldErrors) form.setError(field as keyof UserFormValues, { message: messages[0] });
      if (fieldErrors.length === 0) form.setError("root", { message: result.message });
      return;
    }
    toast.success("Saved.");
    router.push(`/users/${result.data.id}`);
    router.refresh();
  }

  return (
    <form onSubmit={form.handleSubmit(onSubmit)} noValidate className="divide-y divide-zinc-100">
      {errors.root?.message ? (
        <div className="px-6 py-4">
          <Alert tone="error">{errors.root.message}</Alert>
        </div>
      ) : null}
      {SECTIONS.map((section) => (
        <fieldset key={section.title} className="grid gap-5 px-6 py-6 md:grid-cols-3">
          <legend className="sr-only">{section.title}</legend>
          <h2 aria-hidden className="text-sm font-semibold text-zinc-900">
            {section.title}
          </h2>
          <div className="grid gap-4 sm:grid-cols-2 md:col-span-2">
            {section.fields.map((field) => (
              <FormField key={field.name} id={field.name} label={field.label} hint={field.hint} error={errors[field.name]?.message}>
                <Input
                  id={field.name}
                  type={field.type ?? "text"}
                  list={field.list}
                  autoComplete={field.autoComplete}
                  aria-invalid={Boolean(errors[field.name])}
                  aria-describedby={errors[field.name] ? `${field.name}-error` : undefined}
                  defaultValue={defaults?.[field.name] ?? ""}
                  {...form.register(field.name)}
                />
              </FormField>
            ))}
          </div>
        </fieldset>
      ))}
      <fieldset className="grid gap-5 px-6 py-6 md:grid-cols-3">
        <legend className="sr-only">Status</legend>
        <h2 aria-hidden className="text-sm font-semibold text-zinc-900">
          Status
        </h2>
        <div className="md:col-span-2 sm:max-w-xs">
          <FormField id="status" label="Status" hint="Deactivated people keep their data but lose access to provisioned apps." error={errors.status?.message}>
            <Select id="status" defaultValue={defaults?.status ?? "ACTIVE"} {...form.register("status")}>
              <option value="ACTIVE">Active</option>
              <option value="INACTIVE">Deactivated</option>
            </Select>
          </FormField>
        </div>
      </fieldset>
      <datalist id="departments">
        {departments.map((department) => (
          <option key={department} value={department} />
        ))}
      </datalist>
      <datalist id="time-zones">
        {TIME_ZONES.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <div className="flex justify-end gap-2 px-6 py-4">
        <Button variant="secondary" onClick={() => router.back()}>
          Cancel
        </Button>
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : submitLabel}
        </Button>
      </div>
    </form>
  );
}
