"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { ActionResult } from "@/lib/actions/define-action";

interface Props {
  person: { id: string; name: string };
  /** Whether the organization requires two-step sign-in of this person, which decides what happens next. */
  required: boolean;
  reset: (input: { userId: string }) => Promise<ActionResult<{ endedSessions: number }>>;
}

/** "Reset two-step sign-in" on a person's page, for a lost phone: asks first and says what happens next. */
export function ResetTwoStepButton({ person, required, reset }: Props) {
  const router = useRouter();
  return (
    <ConfirmDialog
      title={`Reset two-step sign-in for ${person.name}?`}
      confirmLabel="Reset two-step sign-in"
      onConfirm={async () => {
        const result = await reset({ userId: person.id });
        if (!result.ok) return void toast.error(result.message);
        toast.success(`Two-step sign-in reset for ${person.name}.`);
        router.refresh();
      }}
      trigger={<Button variant="secondary">Reset two-step sign-in</Button>}
    >
      <p>Their authenticator app and recovery codes stop working, and they are signed out of Roster everywhere.</p>
      <p>
        {required
          ? "Your organization requires two-step sign-in for them, so at their next sign-in they set up an authenticator app again."
          : "Next time they sign in with their password only. They can set up two-step sign-in again from their account menu."}
      </p>
      <p>Do this only when you are sure who is asking, for example after a call with them.</p>
    </ConfirmDialog>
  );
}
