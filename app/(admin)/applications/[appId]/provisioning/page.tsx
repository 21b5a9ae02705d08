import { notFound, redirect } from "next/navigation";
import { requirePagePermission } from "@/lib/auth/require";
import { getApp } from "@/lib/provisioning/apps/manage-apps";
import { wizardProgress } from "@/lib/provisioning/apps/wizard-steps";

/** Resumes the wizard at the first step not done yet. */
export default async function ProvisioningPage({ params }: { params: Promise<{ appId: string }> }) {
  const session = await requirePagePermission("view apps");
  const { appId } = await params;
  const app = await getApp(session.organization.id, appId);
  if (!app) notFound();
  redirect(`/applications/${app.id}/provisioning/${wizardProgress(app).next}`);
}
