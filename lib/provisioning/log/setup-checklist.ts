/**
 * The overview's getting-started checklist, derived from what the database holds: a step is done when its
 * rows exist. Each step links where it is done, for the app it concerns when there is one. Pure.
 */
import { wizardProgress, type WizardProgressInput, type WizardStepKey } from "../apps/wizard-steps";

export interface SetupAppFacts extends WizardProgressInput {
  id: string;
  name: string;
  /** Anyone assigned to the app, directly or through a group. */
  hasAssignees: boolean;
  /** At least one operation to the app succeeded. */
  hasSucceeded: boolean;
}

export interface SetupFacts {
  /** Everyone in the directory, the Owner included. */
  people: number;
  /** Oldest first. */
  apps: readonly SetupAppFacts[];
}

export type SetupStepKey = "people" | "app" | WizardStepKey | "assign" | "provisioned";

export interface SetupStep {
  key: SetupStepKey;
  title: string;
  body: string;
  href: string;
  done: boolean;
}

type AppCheck = (app: SetupAppFacts) => boolean;

/** The app a step concerns: the first where it is done when one is, else the first where it is not. */
function appFor(apps: readonly SetupAppFacts[], check: AppCheck) {
  const done = apps.find(check);
  return { done: Boolean(done), app: done ?? apps.find((app) => !check(app)) };
}

/** A wizard step's page when the wizard lets the admin open it, else where the wizard resumes. */
function wizardHref(app: SetupAppFacts | undefined, step: WizardStepKey): string {
  if (!app) return "/applications";
  const reachable = wizardProgress(app).steps.find((entry) => entry.key === step)?.reachable;
  return `/applications/${app.id}/provisioning${reachable ? `/${step}` : ""}`;
}

const WIZARD_TEXT: Record<WizardStepKey, { title: string; body: string; check: AppCheck }> = {
  configure: {
    title: "Enter the app's sync endpoint and token",
    body: "Paste the SCIM URL and token the app gave you.",
    check: (app) => Boolean(app.baseUrl && app.tokenLast4),
  },
  authorize: { title: "Authorize it", body: "Roster checks that the app accepts the token.", check: (app) => Boolean(app.authorizedAt) },
  mapping: { title: "Map fields", body: "Choose which directory fields fill which fields in the app.", check: (app) => Boolean(app.mappingSavedAt) },
  actions: {
    title: "Choose sync actions",
    body: "Decide whether Roster creates, updates, deactivates and deletes accounts.",
    check: (app) => Boolean(app.actionsSavedAt),
  },
};

export function setupChecklist(facts: SetupFacts): { steps: SetupStep[]; allDone: boolean } {
  const assign = appFor(facts.apps, (app) => app.hasAssignees);
  const provisioned = appFor(facts.apps, (app) => app.hasSucceeded);
  const steps: SetupStep[] = [
    { key: "people", title: "Add your people", body: "Add people one by one or import a CSV file.", href: "/users", done: facts.people > 1 },
    {
      key: "app",
      title: "Add an app",
      body: "Add Atlassian or any SCIM 2.0 app from the catalog.",
      href: facts.apps[0] ? `/applications/${facts.apps[0].id}` : "/applications",
      done: facts.apps.length > 0,
    },
    ...(["configure", "authorize", "mapping", "actions"] as const).map((key) => {
      const { title, body, check } = WIZARD_TEXT[key];
      const { done, app } = appFor(facts.apps, check);
      return { key, title, body, href: wizardHref(app, key), done };
    }),
    {
      key: "assign",
      title: "Assign or import people",
      body: "Assign people or groups to the app, or import the accounts it already has.",
      href: assign.app ? `/applications/${assign.app.id}/users?view=available` : "/applications",
      done: assign.done,
    },
    {
      key: "provisioned",
      title: "First successful provisioning",
      body: "An account created or updated in the app; the log shows each request.",
      href: provisioned.app ? `/applications/${provisioned.app.id}/log` : "/provisioning-log",
      done: provisioned.done,
    },
  ];
  return { steps, allDone: steps.every((step) => step.done) };
}
