import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DeleteAppDialog } from "@/components/apps/delete-app-dialog";
import { ProvisioningSwitch } from "@/components/apps/provisioning-switch";
import { RenameAppForm } from "@/components/apps/rename-app-form";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/require";
import { getSyncOverview } from "@/lib/provisioning/log/get-sync-overview";
import { resumeAppAction } from "../sync/actions";
import { deleteAppAction, previewAppDeletionAction, renameAppAction, stopProvisioningAction } from "./actions";

export const metadata: Metadata = { title: "App settings" };

export default async function AppSettingsPage({ params }: { params: Promise<{ appId: string }> }) {
  const session = await requirePagePermission("view apps");
  const { appId } = await params;
  const overview = /^[0-9a-f-]{36}$/i.test(appId) ? await getSyncOverview(session.organization.id, appId) : null;
  if (!overview) notFound();
  const { app } = overview;
  const canEdit = can(session, "assign apps");
  return (
    <div className="space-y-6">
      {!canEdit ? <Alert tone="error">You can see these settings but not change them: that needs the “assign apps” permission.</Alert> : null}
      <Card>
        <CardHeader title="Name" description="What Roster calls this app in lists, the provisioning log and the audit log." />
        <RenameAppForm app={{ id: app.id, name: app.name }} canEdit={canEdit} rename={renameAppAction} />
      </Card>
      <Card>
        <CardHeader title="Provisioning" description={`Whether Roster sends directory changes to ${app.name}.`} />
        <ProvisioningSwitch
          app={{ id: app.id, name: app.name, state: app.state, reason: app.quarantineReason }}
          canEdit={canEdit}
          stop={stopProvisioningAction}
          resume={resumeAppAction}
        />
      </Card>
      {canEdit ? (
        <Card className="ring-red-200">
          <CardHeader
            title="Delete this app"
            description="Removes the app from Roster. You choose whether its accounts in the app are left as they are or deactivated first."
            action={<DeleteAppDialog app={{ id: app.id, name: app.name }} preview={previewAppDeletionAction} remove={deleteAppAction} />}
          />
        </Card>
      ) : null}
    </div>
  );
}
