import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PublicCard } from "@/components/auth/public-card";
import { TwoStepEnrolment } from "@/components/auth/two-step-enrolment";
import { getPendingSignIn } from "@/lib/auth/session";
import { enrolmentView } from "@/lib/auth/two-step/enrolment-view";
import { confirmRequiredTwoStepAction, finishRequiredTwoStepAction } from "./actions";

export const metadata: Metadata = { title: "Set up two-step sign-in", referrer: "no-referrer", robots: { index: false } };

/** Public: shown only to a sign-in whose password was right and whose organization requires an authenticator. */
export default async function RequiredTwoStepPage() {
  const pending = await getPendingSignIn();
  if (!pending || pending.step !== "ENROL") redirect("/sign-in");
  const view = await enrolmentView(pending.userId);
  return (
    <PublicCard title="Set up two-step sign-in">
      <p className="mb-4">Your organization asks everyone in your role to confirm each sign-in with a code from an authenticator app.</p>
      {view ? (
        <TwoStepEnrolment qrSvg={view.qrSvg} secret={view.secret} confirm={confirmRequiredTwoStepAction} finish={finishRequiredTwoStepAction} />
      ) : (
        <p>Two-step sign-in is already set up for you. Sign in again and enter the code from your app.</p>
      )}
    </PublicCard>
  );
}
