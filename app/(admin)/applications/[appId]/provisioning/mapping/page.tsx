import type { Metadata } from "next";
import Link from "next/link";
import { MappingEditor } from "@/components/provisioning/mapping-editor";
import { WizardStepper } from "@/components/provisioning/wizard-stepper";
import { requirePagePermission } from "@/lib/auth/require";
import { loadWizardStep } from "@/lib/provisioning/apps/load-wizard-step";
import { getMappingRows, toMappingRows } from "@/lib/provisioning/apps/field-mappings";
import { listSamplePeople } from "@/lib/provisioning/apps/list-sample-people";
import { getConnector } from "@/lib/provisioning/connectors/catalog";
import { TARGET_ATTRIBUTES } from "@/lib/provisioning/mapping/target-attributes";
import { changedTargets } from "@/components/provisioning/mapping-changes";
import { previewMappingAction, saveMappingAction } from "../actions";

export const metadata: Metadata = { title: "Map fields" };

export default async function MappingPage({ params }: { params: Promise<{ appId: string }> }) {
  await requirePagePermission("view apps");
  const { session, app, progress, canEdit } = await loadWizardStep(params, "mapping");
  const connector = getConnector(app.catalogKey)!;
  const [rows, people] = await Promise.all([getMappingRows(app.id), listSamplePeople(session.organization.id, session.userId)]);
  const freePlan = session.organization.plan === "FREE";
  const defaults = toMappingRows(connector.defaultMapping);
  // On Free the engine sends the default mapping whatever is stored; show what is really sent.
  const customKept = freePlan && changedTargets(defaults, rows).length > 0;
  return (
    <>
      <WizardStepper appId={app.id} steps={progress.steps} current="mapping" />
      <MappingEditor
        appId={app.id}
        appName={connector.name}
        targets={connector.targets.map((path) => ({ path, label: TARGET_ATTRIBUTES[path].label, required: connector.requiredTargets.includes(path) }))}
        initial={freePlan ? defaults : rows}
        defaults={defaults}
        editable={canEdit && !freePlan}
        readOnlyNote={
          freePlan ? (
            <>
              On the Free plan Roster sends {connector.name} this default mapping.
              {customKept ? " The custom mapping saved earlier is kept and applies again on a paid plan." : ""} Changing the mapping, or adding transforms,
              needs the Standard or Professional plan: an Owner can change the plan in{" "}
              <Link href="/settings" className="font-medium underline">
                Settings
              </Link>
              .
            </>
          ) : canEdit ? null : (
            "Changing the mapping needs the “assign apps” permission."
          )
        }
        people={people}
        defaultSampleId={session.userId}
        save={saveMappingAction}
        preview={previewMappingAction}
      />
    </>
  );
}
