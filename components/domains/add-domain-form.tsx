"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { ActionResult } from "@/lib/actions/define-action";
import { addDomainInput, type AddDomainInput } from "@/lib/directory/domains/schemas";

interface AddDomainFormProps {
  add: (input: AddDomainInput) => Promise<ActionResult<{ id: string; name: string }>>;
}

/** Adds a domain; the name is checked here and again on the server (addDomainInput), errors under the field. */
export function AddDomainForm({ add }: AddDomainFormProps) {
  const router = useRouter();
  const form = useForm<AddDomainInput>({ resolver: zodResolver(addDomainInput), defaultValues: { name: "" } });
  const { errors, isSubmitting } = form.formState;

  async function onSubmit(values: AddDomainInput) {
    const result = await add(values);
    if (!result.ok) {
      const message = result.fieldErrors?.name?.[0];
      if (message) form.setError("name", { message });
      else toast.error(result.message);
      return;
    }
    form.reset();
    toast.success(`Added ${result.data.name}. Create its TXT record, then verify it.`);
    router.refresh();
  }

  return (
    <form onSubmit={form.handleSubmit(onSubmit)} noValidate className="flex flex-wrap items-start gap-3 px-6 py-5">
      <div className="min-w-64 flex-1">
        <FormField
          id="domain-name"
          label="Domain"
          hint="The part after the @ in your people's e-mail addresses, such as example.com."
          error={errors.name?.message}
        >
          <Input
            id="domain-name"
            placeholder="example.com"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={Boolean(errors.name)}
            {...form.register("name")}
          />
        </FormField>
      </div>
      <Button type="submit" className="mt-7" disabled={isSubmitting}>
        {isSubmitting ? "Adding…" : "Add domain"}
      </Button>
    </form>
  );
}
