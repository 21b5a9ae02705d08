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
import { signInInput, type SignInInput } from "@/lib/auth/schemas";

type SignInForm = SignInInput;

export function SignInForm({
  action,
  returnTo = null,
}: {
  action: (input: SignInForm & { returnTo?: string | null }) => Promise<ActionResult<{ redirectTo: string }>>;
  /** Where to go once signed in: an app's single sign-on request waiting for this person. */
  returnTo?: string | null;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<SignInForm>({ resolver: zodResolver(signInInput), defaultValues: { email: "", password: "" } });
  const { errors, isSubmitting } = form.formState;

  async function onSubmit(values: SignInForm) {
    setError(null);
    const result = await action({ ...values, returnTo });
    if (result.ok && returnTo) {
      // A route handler (the SAML response page), not a page of this app: a full navigation.
      window.location.assign(result.data.redirectTo);
      return;
    }
    if (result.ok) {
      router.replace(result.data.redirectTo);
      router.refresh();
      return;
    }
    setError(result.message);
    form.setValue("password", "");
    form.setFocus("password");
  }

  return (
    <form onSubmit={form.handleSubmit(onSubmit)} noValidate className="space-y-5">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <FormField id="email" label="Work e-mail" error={errors.email?.message}>
        <Input
          id="email"
          type="email"
          autoComplete="username"
          autoFocus
          aria-invalid={Boolean(errors.email)}
          aria-describedby={errors.email ? "email-error" : undefined}
          {...form.register("email")}
        />
      </FormField>
      <FormField id="password" label="Password" error={errors.password?.message}>
        <Input
          id="password"
          type="password"
          autoComplete="current-password"
          aria-invalid={Boolean(errors.password)}
          aria-describedby={errors.password ? "password-error" : undefined}
          {...form.register("password")}
        />
      </FormField>
      <Button type="submit" size="lg" className="w-full" disabled={isSubmitting}>
        {isSubmitting ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
