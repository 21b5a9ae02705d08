import { ResetTwoStepButton } from "@/components/users/reset-two-step-button";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { canManageSignInOf, type RoleName } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/require";
import { getTwoStepRequirement, twoStepRequiredOf } from "@/lib/auth/two-step/requirement";
import { getTwoStepStatus } from "@/lib/auth/two-step/reset-two-step";
import { resetTwoStepAction } from "../actions";

/** The person page's "Sign-in" card: whether two-step sign-in is on, codes left, and (when allowed) the reset. */
export async function PersonSignInSection({ person }: { person: { id: string; name: string; role: RoleName | null } }) {
  const session = await requirePagePermission("admin access");
  const [status, requirement] = await Promise.all([getTwoStepStatus(session.organization.id, person.id), getTwoStepRequirement(session.organization.id)]);
  const required = twoStepRequiredOf(requirement, person);
  const mayReset = status.on && person.id !== session.userId && canManageSignInOf(session, person);
  return (
    <Card role="region" aria-label="Sign-in">
      <CardHeader title="Sign-in" />
      <div className="space-y-3 px-6 py-5 text-sm">
        <p className="flex flex-wrap items-center gap-2 text-zinc-900">
          Two-step sign-in
          <Badge tone={status.on ? "success" : "neutral"}>{status.on ? "On" : "Off"}</Badge>
        </p>
        <p className="text-zinc-600">
          {status.on
            ? `${status.recoveryCodesLeft} unused recovery code${status.recoveryCodesLeft === 1 ? "" : "s"} left.`
            : required
              ? "Your organization requires it for them: they set it up at their next sign-in."
              : "They sign in with their password only."}
        </p>
        {mayReset ? <ResetTwoStepButton person={person} required={required} reset={resetTwoStepAction} /> : null}
      </div>
    </Card>
  );
}
