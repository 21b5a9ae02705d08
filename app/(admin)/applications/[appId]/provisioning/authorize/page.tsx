import type { Metadata } from "next";
import { AuthorizePanel, type Capabilities } from "@/components/provisioning/authorize-panel";
import { WizardStepper } from "@/components/provisioning/wizard-stepper";
import { Card, CardHeader } from "@/components/ui/card";
import { requirePagePermission } from "@/lib/auth/require";
import { loadWizardStep } from "@/lib/provisioning/apps/load-wizard-step";
import { getConnector } from "@/lib/provisioning/connectors/catalog";
import { authorizeAppAction } from "../actions";

export const metadata: Metadata = { title: "Authorize" };

export default async function AuthorizePage({ params }: { params: Promise<{ appId: string }> }) {
  await requirePagePermission("view apps");
  const { app, progress, canEdit } = await loadWizardStep(params, "authorize");
  const connector = getConnector(app.catalogKey)!;
  return (
    <>
      <WizardStepper appId={app.id} steps={progress.steps} current="authorize" />
      <Card className="max-w-3xl">
        <CardHeader focusOnMount title="Authorize" description={`Check that Roster can reach ${connector.name} with this token.`} />
        <AuthorizePanel
          appId={app.id}
          appName={connector.name}
          baseUrl={app.baseUrl ?? ""}
          authorizedAt={app.authorizedAt?.toISOString() ?? null}
          capabilities={(app.serverCapabilities as Capabilities | null) ?? null}
          canEdit={canEdit}
          authorize={authorizeAppAction}
        />
      </Card>
    </>
  );
}
