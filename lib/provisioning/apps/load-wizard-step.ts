import "server-only";
import { notFound, redirect } from "next/navigation";
import { can } from "../../auth/permissions";
import { requireSession } from "../../auth/require";
import { getApp } from "./manage-apps";
import { wizardProgress, type WizardStepKey } from "./wizard-steps";

/**
 * What every wizard step page starts with: the session, the app, and the
 * progress; a step whose earlier steps are not done sends the admin back.
 */
export async function loadWizardStep(appIdParam: Promise<{ appId: string }>, step: WizardStepKey) {
  const session = await requireSession();
  const { appId } = await appIdParam;
  const app = await getApp(session.organization.id, appId);
  if (!app) notFound();
  const progress = wizardProgress(app);
  if (!progress.steps.find((candidate) => candidate.key === step)?.reachable) redirect(`/applications/${app.id}/provisioning/${progress.next}`);
  return { session, app, progress, canEdit: can(session, "assign apps") };
}
