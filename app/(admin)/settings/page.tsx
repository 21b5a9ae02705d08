import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { OrganizationSettingsForm } from "@/components/settings/organization-form";
import { TwoStepRequirementForm } from "@/components/settings/two-step-requirement-form";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/require";
import { TWO_STEP_REQUIREMENT_LABELS, getTwoStepRequirement } from "@/lib/auth/two-step/requirement";
import { getOrganizationSettings } from "@/lib/directory/organization";
import { setTwoStepRequirementAction, updateOrganizationAction } from "./actions";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const session = await requirePagePermission("admin access");
  const [organization, twoStepRequired] = await Promise.all([getOrganizationSettings(session.organization.id), getTwoStepRequirement(session.organization.id)]);
  return (
    <>
      <PageHeader title="Settings" description="Your organization's name and plan." />
      <Card className="max-w-2xl">
        <CardHeader title="Organization" description="Shown to every admin in the header and in audit events." />
        <OrganizationSettingsForm
          initial={{ name: organization.name, plan: organization.plan }}
          canEdit={can(session, "manage organization")}
          action={updateOrganizationAction}
        />
      </Card>
      <Card className="mt-6 max-w-2xl">
        <CardHeader
          title="Two-step sign-in"
          description="A code from an authenticator app after the password, for Roster and the apps people open from My apps."
        />
        <TwoStepRequirementForm
          initial={twoStepRequired}
          labels={TWO_STEP_REQUIREMENT_LABELS}
          canEdit={can(session, "manage organization")}
          action={setTwoStepRequirementAction}
        />
      </Card>
      <Card className="mt-6 max-w-2xl">
        <CardHeader
          title="Domains"
          description="Verify the e-mail domains your people use. Atlassian manages only accounts on verified domains."
          action={
            <Button variant="secondary" asChild>
              <Link href="/settings/domains">Manage domains</Link>
            </Button>
          }
        />
      </Card>
    </>
  );
}
