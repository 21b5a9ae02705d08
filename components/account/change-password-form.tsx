"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { ActionResult } from "@/lib/actions/define-action";
import { PASSWORD_MIN_LENGTH, changePasswordInput, type ChangePasswordInput } from "@/lib/auth/schemas";

type Field = keyof ChangePasswordInput;

/** Current password, new one twice; a wrong current password is said under its field. */
export function ChangePasswordForm({ action }: { action: (input: ChangePasswordInput) => Promise<ActionResult<{ endedSessions: number }>> }) {
  const [banner, setBanner] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const form = useForm<ChangePasswordInput>({ resolver: zodResolver(changePasswordInput), defaultValues: { current: "", password: "", confirm: "" } });
  const { errors, isSubmitting } = form.formState;

  async function onSubmit(values: ChangePasswordInput) {
    setBanner(null);
    const result = await action(values);
    if (result.ok) {
      const others = result.data.endedSessions;
      form.reset();
      setBanner({
        tone: "success",
        text: `Your password is changed. ${others === 0 ? "You were not signed in anywhere else." : `We signed you out of ${others} other ${others === 1 ? "session" : "sessions"}.`}`,
      });
      return;
    }
    const fieldErrors = Object.entries(result.fieldErrors ?? {}).filter(([field]) => field in values);
    for (const [field, messages] of fieldErrors) form.setError(field as Field, { message: messages[0] });
    if (fieldErrors.length === 0) setBanner({ tone: "error", text: result.message });
    if (result.fieldErrors?.current) form.setFocus("current");
  }

  const field = (name: Field, label: string, autoComplete: string, hint?: string) => (
    <FormField id={name} label={label} hint={hint} error={errors[name]?.message}>
      <Input
        id={name}
        type="password"
        autoComplete={autoComplete}
        aria-invalid={Boolean(errors[name])}
        aria-describedby={errors[name] ? `${name}-error` : hint ? `${name}-hint` : undefined}
        {...form.register(name)}
      />
    </FormField>
  );

  return (
    <form onSubmit={form.handleSubmit(onSubmit)} noValidate className="space-y-5">
      {banner ? <Alert tone={banner.tone}>{banner.text}</Alert> : null}
      {field("current", "Current password", "current-password")}
      {field("password", "New password", "new-password", `At least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words make a good one.`)}
      {field("confirm", "New password again", "new-password")}
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
