import type { Metadata } from "next";
import { SyncActionsForm } from "@/components/provisioning/sync-actions-form";
import { WizardStepper } from "@/components/provisioning/wizard-stepper";
import { Card, CardHeader } from "@/components/ui/card";
import { requirePagePermission } from "@/lib/auth/require";
import { loadWizardStep } from "@/lib/provisioning/apps/load-wizard-step";
import { getConnector } from "@/lib/provisioning/connectors/catalog";
import { saveSyncActionsAction } from "../actions";

export const metadata: Metadata = { title: "Sync actions" };

export default async function SyncActionsPage({ params }: { params: Promise<{ appId: string }> }) {
  await requirePagePermission("view apps");
  const { app, progress, canEdit } = await loadWizardStep(params, "actions");
  const connector = getConnector(app.catalogKey)!;
  return (
    <>
      <WizardStepper appId={app.id} steps={progress.steps} current="actions" />
      <Card className="max-w-3xl">
        <CardHeader
          focusOnMount
          title="Choose what to sync"
          description={`Which changes in the directory Roster sends to ${connector.name}. A change whose action is off is logged as skipped, with the reason.`}
        />
        <SyncActionsForm
          appId={app.id}
          appName={connector.name}
          initial={{
            syncCreate: app.syncCreate,
            syncUpdate: app.syncUpdate,
            syncDelete: app.syncDelete,
            syncActivation: app.syncActivation,
            pushGroups: app.pushGroups,
          }}
          alreadySaved={Boolean(app.actionsSavedAt)}
          canEdit={canEdit}
          save={saveSyncActionsAction}
        />
      </Card>
    </>
  );
}
