/** The provisioning wizard's steps and which are done, derived from the app's saved settings. Pure. */
export const WIZARD_STEPS = [
  { key: "configure", label: "Configure" },
  { key: "authorize", label: "Authorize" },
  { key: "mapping", label: "Map fields" },
  { key: "actions", label: "Sync actions" },
] as const;

export type WizardStepKey = (typeof WIZARD_STEPS)[number]["key"];

export interface WizardProgressInput {
  baseUrl: string | null;
  tokenLast4: string | null;
  authorizedAt: Date | null;
  mappingSavedAt: Date | null;
  actionsSavedAt: Date | null;
}

export function wizardProgress(app: WizardProgressInput) {
  const done: Record<WizardStepKey, boolean> = {
    configure: Boolean(app.baseUrl && app.tokenLast4),
    authorize: Boolean(app.authorizedAt),
    mapping: Boolean(app.mappingSavedAt),
    actions: Boolean(app.actionsSavedAt),
  };
  const steps = WIZARD_STEPS.map((step, index) => ({
    ...step,
    done: done[step.key],
    // A step opens once every step before it is done.
    reachable: WIZARD_STEPS.slice(0, index).every((previous) => done[previous.key]),
  }));
  const next = steps.find((step) => !step.done) ?? steps.at(-1)!;
  return { steps, next: next.key };
}
