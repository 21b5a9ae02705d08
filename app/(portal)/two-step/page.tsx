import type { Metadata } from "next";
import { TwoStepEnrolment } from "@/components/auth/two-step-enrolment";
import { TwoStepSettings } from "@/components/auth/two-step-settings";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/require";
import { enrolmentView } from "@/lib/auth/two-step/enrolment-view";
import { isTwoStepRequiredOf } from "@/lib/auth/two-step/manage-own-two-step";
import { recoveryCodesLeft } from "@/lib/auth/two-step/totp-factor";
import {
  beginOwnReplacementAction,
  confirmOwnTwoStepAction,
  finishOwnReplacementAction,
  finishOwnTwoStepAction,
  renewOwnRecoveryCodesAction,
  turnOffOwnTwoStepAction,
} from "./actions";

export const metadata: Metadata = { title: "Two-step sign-in", referrer: "no-referrer" };

/** Any signed-in person, admins included (their account menu links here): set up, replace, renew codes, turn off. */
export default async function TwoStepPage() {
  const session = await requirePagePermission("signed in");
  const view = await enrolmentView(session.userId);
  const [left, required] = view ? [0, false] : await Promise.all([recoveryCodesLeft(session.userId), isTwoStepRequiredOf(session.userId)]);
  return (
    <>
      <PageHeader title="Two-step sign-in" description="After your password, Roster asks for a code from an authenticator app on your phone." />
      <Card className="max-w-lg p-6">
        {view ? (
          <TwoStepEnrolment qrSvg={view.qrSvg} secret={view.secret} confirm={confirmOwnTwoStepAction} finish={finishOwnTwoStepAction} />
        ) : (
          <TwoStepSettings
            recoveryCodesLeft={left}
            required={required}
            turnOff={turnOffOwnTwoStepAction}
            renewCodes={renewOwnRecoveryCodesAction}
            beginReplacement={beginOwnReplacementAction}
            finishReplacement={finishOwnReplacementAction}
          />
        )}
      </Card>
    </>
  );
}
