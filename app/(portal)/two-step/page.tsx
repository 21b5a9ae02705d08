import type { Metadata } from "next";
import { TwoStepEnrolment } from "@/components/auth/two-step-enrolment";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/require";
import { enrolmentView } from "@/lib/auth/two-step/enrolment-view";
import { recoveryCodesLeft } from "@/lib/auth/two-step/totp-factor";
import { confirmOwnTwoStepAction, finishOwnTwoStepAction } from "./actions";

export const metadata: Metadata = { title: "Two-step sign-in", referrer: "no-referrer" };

export default async function TwoStepPage() {
  const session = await requirePagePermission("signed in");
  const view = await enrolmentView(session.userId);
  const left = view ? null : await recoveryCodesLeft(session.userId);
  return (
    <>
      <PageHeader title="Two-step sign-in" description="After your password, Roster asks for a code from an authenticator app on your phone." />
      <Card className="max-w-lg p-6">
        {view ? (
          <TwoStepEnrolment qrSvg={view.qrSvg} secret={view.secret} confirm={confirmOwnTwoStepAction} finish={finishOwnTwoStepAction} />
        ) : (
          <Alert tone="success">
            Two-step sign-in is on. You have {left} unused recovery code{left === 1 ? "" : "s"}.
          </Alert>
        )}
      </Card>
    </>
  );
}
