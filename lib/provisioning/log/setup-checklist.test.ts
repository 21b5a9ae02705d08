import { describe, expect, it } from "vitest";
import { setupChecklist, type SetupAppFacts } from "./setup-checklist";

const T = new Date("2026-11-01T00:00:00.000Z");

function app(id: string, progress: Partial<SetupAppFacts> = {}): SetupAppFacts {
  return {
    id,
    name: `App ${id}`,
    baseUrl: null,
    tokenLast4: null,
    authorizedAt: null,
    mappingSavedAt: null,
    actionsSavedAt: null,
    hasAssignees: false,
    hasSucceeded: false,
    ...progress,
  };
}

const configured = { baseUrl: "https://scim.example/v2", tokenLast4: "abcd" };
const set = { ...configured, authorizedAt: T, mappingSavedAt: T, actionsSavedAt: T };

const view = (people: number, apps: SetupAppFacts[]) => {
  const { steps, allDone } = setupChecklist({ people, apps });
  return { allDone, steps: Object.fromEntries(steps.map((step) => [step.key, { done: step.done, href: step.href }])) };
};

describe("setupChecklist", () => {
  it("ticks nothing for a new organization with only its Owner, and points at the people and the catalog", () => {
    const { steps, allDone } = view(1, []);
    expect(allDone).toBe(false);
    expect(Object.values(steps).every((step) => !step.done)).toBe(true);
    expect(steps.people!.href).toBe("/users");
    expect(steps.app!.href).toBe("/applications");
    expect(steps.authorize!.href).toBe("/applications");
    expect(steps.provisioned!.href).toBe("/provisioning-log");
  });

  it("ticks people once there is anyone besides the Owner", () => {
    expect(view(2, []).steps.people!.done).toBe(true);
  });

  it("ticks adding an app and sends each wizard step to that app's page for it, or where its wizard resumes", () => {
    const { steps } = view(1, [app("a1")]);
    expect(steps.app).toEqual({ done: true, href: "/applications/a1" });
    expect(steps.configure).toEqual({ done: false, href: "/applications/a1/provisioning/configure" });
    // Not reachable before the app is configured: the wizard resumes at its first open step.
    expect(steps.authorize).toEqual({ done: false, href: "/applications/a1/provisioning" });
    expect(steps.assign).toEqual({ done: false, href: "/applications/a1/users?view=available" });
  });

  it("opens the next wizard step itself once the steps before it are done", () => {
    const { steps } = view(1, [app("a1", { ...configured, authorizedAt: T })]);
    expect(steps.configure!.done).toBe(true);
    expect(steps.authorize!.done).toBe(true);
    expect(steps.mapping).toEqual({ done: false, href: "/applications/a1/provisioning/mapping" });
    expect(steps.actions).toEqual({ done: false, href: "/applications/a1/provisioning" });
  });

  it("counts a step done when any app has done it, and links a step not done to the first app lacking it", () => {
    const { steps } = view(5, [app("done", { ...set, hasAssignees: true }), app("draft")]);
    expect(steps.actions).toEqual({ done: true, href: "/applications/done/provisioning/actions" });
    expect(steps.assign).toEqual({ done: true, href: "/applications/done/users?view=available" });
    expect(steps.provisioned).toEqual({ done: false, href: "/applications/done/log" });
  });

  it("is all done once an app has provisioned someone successfully", () => {
    const { steps, allDone } = view(5, [app("draft"), app("live", { ...set, hasAssignees: true, hasSucceeded: true })]);
    expect(allDone).toBe(true);
    expect(steps.provisioned).toEqual({ done: true, href: "/applications/live/log" });
  });
});
