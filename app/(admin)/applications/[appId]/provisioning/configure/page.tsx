import type { Metadata } from "next";
import { ConfigureForm } from "@/components/provisioning/configure-form";
import { TokenExpiryNotice } from "@/components/provisioning/token-expiry-notice";
import { WizardStepper } from "@/components/provisioning/wizard-stepper";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader } from "@/components/ui/card";
import { requirePagePermission } from "@/lib/auth/require";
import { loadWizardStep } from "@/lib/provisioning/apps/load-wizard-step";
import { otherAppEndpoints } from "@/lib/provisioning/apps/manage-apps";
import { getConnector } from "@/lib/provisioning/connectors/catalog";
import { configureProvisioningAction } from "../actions";

export const metadata: Metadata = { title: "Configure provisioning" };

export default async function ConfigurePage({ params }: { params: Promise<{ appId: string }> }) {
  const session = await requirePagePermission("view apps");
  const { app, progress, canEdit } = await loadWizardStep(params, "configure");
  const otherEndpoints = await otherAppEndpoints(session.organization.id, app.id);
  const connector = getConnector(app.catalogKey)!;
  return (
    <>
      <WizardStepper appId={app.id} steps={progress.steps} current="configure" />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader focusOnMount title="Connect to the app" description="Where Roster sends changes, and the token that lets it." />
          <div className="space-y-3 px-6 pt-5">
            <TokenExpiryNotice expiresAt={app.tokenExpiresAt} />
          </div>
          <ConfigureForm
            appId={app.id}
            initial={{ baseUrl: app.baseUrl ?? "", tokenExpiresOn: app.tokenExpiresAt?.toISOString().slice(0, 10) ?? "" }}
            tokenLast4={app.tokenLast4}
            baseUrlExample={connector.baseUrlExample}
            expiryHint={
              connector.tokenLifetimeDays
                ? `${connector.name} tokens expire ${connector.tokenLifetimeDays === 365 ? "a year" : `${connector.tokenLifetimeDays} days`} after they are created; Roster warns you a month before.`
                : "Roster warns you a month before it expires."
            }
            canEdit={canEdit}
            otherEndpoints={otherEndpoints}
            save={configureProvisioningAction}
          />
        </Card>
        <div className="space-y-4">
          <Alert>
            <p className="font-medium">Where to find these</p>
            <p className="mt-1">{connector.setupHint}</p>
          </Alert>
          {!canEdit ? <Alert tone="error">You can see this setup but not change it: that needs the “assign apps” permission.</Alert> : null}
        </div>
      </div>
    </>
  );
}
