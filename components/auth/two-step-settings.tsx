"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/define-action";
import type { ConfirmTwoStepInput, SecondStepInput } from "@/lib/auth/schemas";
import { RecoveryCodesList } from "./recovery-codes-list";
import { ReplaceAuthenticatorForm } from "./replace-authenticator-form";
import { TwoStepCodeDialog } from "./two-step-code-dialog";

type WithCode<T> = (input: SecondStepInput) => Promise<ActionResult<T>>;

interface Props {
  recoveryCodesLeft: number;
  /** The organization requires two-step sign-in of this person, so it cannot be turned off. */
  required: boolean;
  turnOff: WithCode<object>;
  renewCodes: WithCode<{ recoveryCodes: string[] }>;
  beginReplacement: WithCode<{ qrSvg: string; secret: string }>;
  finishReplacement: (input: ConfirmTwoStepInput) => Promise<ActionResult<object>>;
}

/** Two-step sign-in once it is on: replace the authenticator, make new recovery codes, or turn it off (when allowed). */
export function TwoStepSettings({ recoveryCodesLeft, required, turnOff, renewCodes, beginReplacement, finishReplacement }: Props) {
  const router = useRouter();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [replacement, setReplacement] = useState<{ qrSvg: string; secret: string } | null>(null);

  if (codes) {
    return (
      <div className="space-y-4">
        <Alert tone="success">New recovery codes made. The earlier ones no longer work.</Alert>
        <RecoveryCodesList codes={codes} />
        <Button size="lg" className="w-full" onClick={() => (setCodes(null), router.refresh())}>
          I saved them
        </Button>
      </div>
    );
  }
  if (replacement) {
    return (
      <ReplaceAuthenticatorForm
        {...replacement}
        confirm={finishReplacement}
        onCancel={() => setReplacement(null)}
        onDone={() => {
          setReplacement(null);
          toast.success("Your new authenticator is set up. The old one no longer works.");
          router.refresh();
        }}
      />
    );
  }
  return (
    <div className="space-y-5">
      <Alert tone="success">
        Two-step sign-in is on. You have {recoveryCodesLeft} unused recovery code{recoveryCodesLeft === 1 ? "" : "s"}.
      </Alert>
      {required ? (
        <p className="text-sm text-zinc-600">
          Your organization requires two-step sign-in for you, so you cannot turn it off. Got a new phone? Replace your authenticator.
        </p>
      ) : null}
      <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap">
        <TwoStepCodeDialog
          trigger={<Button variant="secondary">Replace authenticator</Button>}
          title="Replace your authenticator?"
          submitLabel="Continue"
          action={beginReplacement}
          onDone={setReplacement}
        >
          <p>First enter a code from your current app, or a recovery code if you no longer have it.</p>
          <p>Then you add Roster to the new app. The old one stops working once the new one is confirmed.</p>
        </TwoStepCodeDialog>
        <TwoStepCodeDialog
          trigger={<Button variant="secondary">New recovery codes</Button>}
          title="Make new recovery codes?"
          submitLabel="Make new codes"
          action={renewCodes}
          onDone={(data) => setCodes(data.recoveryCodes)}
        >
          <p>You get ten new codes, shown once. Your earlier recovery codes stop working.</p>
        </TwoStepCodeDialog>
        {required ? null : (
          <TwoStepCodeDialog
            trigger={<Button variant="danger">Turn off two-step sign-in</Button>}
            title="Turn off two-step sign-in?"
            submitLabel="Turn off"
            tone="danger"
            action={turnOff}
            onDone={() => {
              toast.success("Two-step sign-in is off. You sign in with your password only.");
              router.refresh();
            }}
          >
            <p>Roster will ask only for your password when you sign in. Your authenticator and recovery codes stop working.</p>
          </TwoStepCodeDialog>
        )}
      </div>
    </div>
  );
}
