"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { ActionResult } from "@/lib/actions/define-action";
import { PASSWORD_MIN_LENGTH, setPasswordFormInput, type SetPasswordFormValues, type SetPasswordInput } from "@/lib/auth/schemas";

interface Props {
  token: string;
  action: (input: SetPasswordInput) => Promise<ActionResult<{ redirectTo: string }>>;
}

/** The new password twice; on success the person is signed in and goes to the overview. */
export function SetPasswordForm({ token, action }: Props) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<SetPasswordFormValues>({ resolver: zodResolver(setPasswordFormInput), defaultValues: { password: "", confirm: "" } });
  const { errors, isSubmitting } = form.formState;
  const [done, setDone] = useState(false);

  async function onSubmit(values: SetPasswordFormValues) {
    setError(null);
    const result = await action({ token, ...values });
    if (result.ok) {
      setDone(true);
      router.replace(result.data.redirectTo);
      router.refresh();
      return;
    }
    const fieldError = result.fieldErrors?.password?.[0] ?? result.fieldErrors?.confirm?.[0];
    setError(fieldError ?? result.message);
  }

  return (
    <form onSubmit={form.handleSubmit(onSubmit)} noValidate className="space-y-5">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <FormField id="password" label="New password" hint={`At least ${PASSWORD_MIN_LENGTH} characters.`} error={errors.password?.message}>
        <Input
          id="password"
          type="password"
          autoComplete="new-password"
          autoFocus
          aria-invalid={Boolean(errors.password)}
          aria-describedby={errors.password ? "password-error" : "password-hint"}
          {...form.register("password")}
        />
      </FormField>
      <FormField id="confirm" label="New password again" error={errors.confirm?.message}>
        <Input
          id="confirm"
          type="password"
          autoComplete="new-password"
          aria-invalid={Boolean(errors.confirm)}
          aria-describedby={errors.confirm ? "confirm-error" : undefined}
          {...form.register("confirm")}
        />
      </FormField>
      <Button type="submit" size="lg" className="w-full" disabled={isSubmitting || done}>
        {isSubmitting ? "Setting your password…" : "Set password and sign in"}
      </Button>
    </form>
  );
}
