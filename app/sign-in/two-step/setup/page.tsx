import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PublicCard } from "@/components/auth/public-card";
import { TwoStepEnrolment } from "@/components/auth/two-step-enrolment";
import { carryReturnTo, safeReturnTo } from "@/lib/auth/return-to";
import { getPendingSignIn } from "@/lib/auth/session";
import { enrolmentView } from "@/lib/auth/two-step/enrolment-view";
import { confirmRequiredTwoStepAction, finishRequiredTwoStepAction } from "./actions";

export const metadata: Metadata = { title: "Set up two-step sign-in", referrer: "no-referrer", robots: { index: false } };

/**
 * Public: shown only to a sign-in whose password was right and whose organization requires an authenticator. `next`
 * is the app's single sign-on request waiting for them (checked here, and again by the action).
 */
export default async function RequiredTwoStepPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  const returnTo = safeReturnTo(typeof next === "string" ? next : null);
  const pending = await getPendingSignIn();
  if (!pending || pending.step !== "ENROL") redirect(carryReturnTo("/sign-in", returnTo));
  const view = await enrolmentView(pending.userId);
  return (
    <PublicCard title="Set up two-step sign-in">
      <p className="mb-4">Your organization asks everyone in your role to confirm each sign-in with a code from an authenticator app.</p>
      {view ? (
        <TwoStepEnrolment
          qrSvg={view.qrSvg}
          secret={view.secret}
          confirm={confirmRequiredTwoStepAction}
          finish={finishRequiredTwoStepAction.bind(null, { returnTo })}
          returnTo={returnTo}
        />
      ) : (
        <p>Two-step sign-in is already set up for you. Sign in again and enter the code from your app.</p>
      )}
    </PublicCard>
  );
}
