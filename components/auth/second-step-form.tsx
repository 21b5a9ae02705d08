"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/define-action";
import { secondStepInput, type SecondStepInput } from "@/lib/auth/schemas";
import { CodeField } from "./code-field";

/** The code from the authenticator app (or a recovery code), after the password. */
export function SecondStepForm({
  action,
  returnTo = null,
}: {
  action: (input: SecondStepInput & { returnTo?: string | null }) => Promise<ActionResult<{ redirectTo: string }>>;
  /** Where to go once signed in: an app's single sign-on request waiting for this person. */
  returnTo?: string | null;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<SecondStepInput>({ resolver: zodResolver(secondStepInput), defaultValues: { code: "" } });
  const { errors, isSubmitting } = form.formState;

  async function onSubmit(values: SecondStepInput) {
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
    form.setValue("code", "");
    form.setFocus("code");
  }

  return (
    <form onSubmit={form.handleSubmit(onSubmit)} noValidate className="space-y-5">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <CodeField label="Code" error={errors.code?.message} registration={form.register("code")} numeric={false} autoFocus describedBy="code-hint" />
      <p id="code-hint" className="text-xs text-zinc-600">
        The 6 digits your authenticator app shows for Roster. Lost your phone? Enter one of your recovery codes instead.
      </p>
      <Button type="submit" size="lg" className="w-full" disabled={isSubmitting}>
        {isSubmitting ? "Checking…" : "Continue"}
      </Button>
    </form>
  );
}
