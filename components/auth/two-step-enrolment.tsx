"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/define-action";
import { confirmTwoStepInput, type ConfirmTwoStepInput } from "@/lib/auth/schemas";
import { AuthenticatorKey } from "./authenticator-key";
import { RecoveryCodesList } from "./recovery-codes-list";
import { CodeField } from "./code-field";

interface Props {
  /** The QR code as SVG markup, made on the server from the otpauth URI (nothing leaves Roster to draw it). */
  qrSvg: string;
  /** The same secret as text, for typing into the app by hand. */
  secret: string;
  confirm: (input: ConfirmTwoStepInput) => Promise<ActionResult<{ recoveryCodes: string[] }>>;
  /** After the recovery codes: finishes the sign-in (or goes back to My apps) and answers where to go. */
  finish: (input: undefined) => Promise<ActionResult<{ redirectTo: string }>>;
  /** Set when a sign-in ends at an app's single sign-on request (a route handler): `finish` then leaves by a full navigation. */
  returnTo?: string | null;
}

/** Scan, confirm with a code, then see the ten recovery codes once. */
export function TwoStepEnrolment({ qrSvg, secret, confirm, finish, returnTo = null }: Props) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [leaving, setLeaving] = useState(false);
  const form = useForm<ConfirmTwoStepInput>({ resolver: zodResolver(confirmTwoStepInput), defaultValues: { code: "" } });
  const { errors, isSubmitting } = form.formState;

  async function onSubmit(values: ConfirmTwoStepInput) {
    setError(null);
    const result = await confirm(values);
    if (result.ok) return setCodes(result.data.recoveryCodes);
    setError(result.message);
    form.setValue("code", "");
    form.setFocus("code");
  }

  async function onFinish() {
    setLeaving(true);
    const result = await finish(undefined);
    if (!result.ok) {
      setLeaving(false);
      return setError(result.message);
    }
    if (returnTo) return window.location.assign(result.data.redirectTo);
    router.replace(result.data.redirectTo);
    router.refresh();
  }

  if (codes) {
    return (
      <div className="space-y-4">
        {error ? <Alert tone="error">{error}</Alert> : null}
        <Alert tone="success">Two-step sign-in is on.</Alert>
        <RecoveryCodesList codes={codes} />
        <Button size="lg" className="w-full" disabled={leaving} onClick={() => void onFinish()}>
          {leaving ? "Continuing…" : "I saved them, continue"}
        </Button>
      </div>
    );
  }

  return (
    <div className="space-y-5">
      <ol className="list-decimal space-y-1 pl-5 text-sm text-zinc-600">
        <li>Open an authenticator app on your phone and add an account.</li>
        <li>Scan this QR code, or type the key below.</li>
        <li>Enter the 6-digit code the app shows.</li>
      </ol>
      <AuthenticatorKey qrSvg={qrSvg} secret={secret} />
      <form onSubmit={form.handleSubmit(onSubmit)} noValidate className="space-y-4">
        {error ? <Alert tone="error">{error}</Alert> : null}
        <CodeField label="Code from the app" error={errors.code?.message} registration={form.register("code")} />
        <Button type="submit" size="lg" className="w-full" disabled={isSubmitting}>
          {isSubmitting ? "Checking…" : "Turn on two-step sign-in"}
        </Button>
      </form>
    </div>
  );
}
