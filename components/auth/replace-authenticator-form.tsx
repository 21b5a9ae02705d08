"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/define-action";
import { confirmTwoStepInput, type ConfirmTwoStepInput } from "@/lib/auth/schemas";
import { AuthenticatorKey } from "./authenticator-key";
import { CodeField } from "./code-field";

interface Props {
  qrSvg: string;
  secret: string;
  confirm: (input: ConfirmTwoStepInput) => Promise<ActionResult<object>>;
  onDone: () => void;
  onCancel: () => void;
}

/** Adds Roster to the new authenticator app and confirms it with a code from it; until then the old app keeps working. */
export function ReplaceAuthenticatorForm({ qrSvg, secret, confirm, onDone, onCancel }: Props) {
  const [error, setError] = useState<string | null>(null);
  const form = useForm<ConfirmTwoStepInput>({ resolver: zodResolver(confirmTwoStepInput), defaultValues: { code: "" } });
  const { errors, isSubmitting } = form.formState;

  async function onSubmit(values: ConfirmTwoStepInput) {
    setError(null);
    const result = await confirm(values);
    if (result.ok) return onDone();
    setError(result.message);
    form.setValue("code", "");
    form.setFocus("code");
  }

  return (
    <div className="space-y-5">
      <h2 className="text-base font-semibold text-zinc-900">Set up your new authenticator</h2>
      <ol className="list-decimal space-y-1 pl-5 text-sm text-zinc-600">
        <li>Open the authenticator app on your new phone and add an account.</li>
        <li>Scan this QR code, or type the key below.</li>
        <li>Enter the 6-digit code the new app shows. Your old app keeps working until you do.</li>
      </ol>
      <AuthenticatorKey qrSvg={qrSvg} secret={secret} />
      <form onSubmit={form.handleSubmit(onSubmit)} noValidate className="space-y-4">
        {error ? <Alert tone="error">{error}</Alert> : null}
        <CodeField label="Code from the new app" error={errors.code?.message} registration={form.register("code")} />
        <div className="flex flex-col gap-2 sm:flex-row-reverse">
          <Button type="submit" disabled={isSubmitting}>
            {isSubmitting ? "Checking…" : "Use the new authenticator"}
          </Button>
          <Button variant="secondary" disabled={isSubmitting} onClick={onCancel}>
            Keep the old one
          </Button>
        </div>
      </form>
    </div>
  );
}
