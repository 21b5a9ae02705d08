import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db";
import { eventually } from "../../../scripts/testing/worker-process";
import { startEngineTestbed, type EngineTestbed } from "../../testing/engine-testbed";
import { effectiveMappingRules } from "../apps/field-mappings";
import { mapValues, toScimUser, type MappedValues } from "../mapping/build-scim-user";
import { PRIMARY_EMAIL } from "../mapping/target-attributes";
import { loadApp } from "../sync/load";
import { confirmImport } from "./confirm-import";
import { countCandidates, getLatestImportRun } from "./list-candidates";
import { previewImport } from "./preview-import";
import { startImport } from "./start-import";
import { MAPPABLE_PERSON_SELECT } from "../../directory/users/mappable-person";

/**
 * The confirm dialog's figures against what confirming then really does, with a real worker and the
 * sandbox: the selection's counts, what Roster changes, and what reaches the app. Two people differ from
 * the app only in the letter case of their e-mail (which is also their userName there): importing them
 * must not patch it back.
 */
let bed: EngineTestbed;
let runId: string;
const ids: Record<string, string> = {};

const DOMAIN = "preview.example";

async function directoryPerson(key: string, { title = "Engineer", assigned = false } = {}) {
  const person = await db.user.create({
    data: { organizationId: bed.organizationId, email: `${key}@${DOMAIN}`, firstName: "Dana", lastName: key, title },
    select: MAPPABLE_PERSON_SELECT,
  });
  if (assigned) await db.assignment.create({ data: { appId: bed.appId, userId: person.id } });
  ids[key] = person.id;
  return person;
}

/** Puts a user in the sandbox as the directory person maps to it, with `changes` on top; `externalId` false leaves Roster's id off. */
function remoteFor(values: MappedValues, changes: MappedValues, externalId: string | false) {
  const user = toScimUser(externalId || "", { ...values, ...changes }, true) as unknown as Record<string, unknown>;
  if (externalId === false) delete user.externalId;
  bed.sandbox.store.users.create(user as never, new Date());
}

async function pendingJobs(): Promise<number> {
  const [row] = await db.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM graphile_worker._private_jobs AS jobs JOIN graphile_worker._private_tasks AS tasks ON tasks.id = jobs.task_id
    WHERE tasks.identifier IN ('reconcile', 'reconcile-batch', 'reconcile-people', 'import-confirm')`;
  return row!.count;
}

beforeAll(async () => {
  bed = await startEngineTestbed({ token: "preview-token-1", organization: "Previewers", ownerEmail: `owner@${DOMAIN}` });
  const app = (await loadApp(bed.appId))!;
  const rules = effectiveMappingRules(app);
  const map = (person: Awaited<ReturnType<typeof directoryPerson>>) => mapValues(person, rules, { organizationName: app.organization.name });

  // Case only, carrying Roster's id already: matched by id; nothing at all differs but the case.
  const caseA = await directoryPerson("case.a");
  remoteFor(map(caseA), { userName: "Case.A@Preview.Example", [PRIMARY_EMAIL]: "Case.A@Preview.Example" }, caseA.id);
  // Case only, without Roster's id: matched by userName; only Roster's id is to be written.
  const caseB = await directoryPerson("case.b");
  remoteFor(map(caseB), { userName: "CASE.B@PREVIEW.EXAMPLE", [PRIMARY_EMAIL]: "CASE.B@PREVIEW.EXAMPLE" }, false);
  // Another title in the app, assigned here: Update.
  const updated = await directoryPerson("updated", { assigned: true });
  remoteFor(map(updated), { title: "Lead" }, updated.id);
  // Assigned here, absent there: Deactivate (not selected below).
  await directoryPerson("gone", { assigned: true });
  // New people (the third is not selected below).
  for (const key of ["new1", "new2", "new3"]) {
    const stranger = { ...caseA, id: "not-in-roster", email: `${key}@${DOMAIN}`, lastName: key };
    remoteFor(map(stranger), {}, false);
  }

  await startImport(bed.organizationId, bed.appId, bed.context);
  const run = await eventually(
    async () => {
      const latest = await getLatestImportRun(bed.organizationId, bed.appId);
      return latest?.status === "READY" ? latest : undefined;
    },
    { timeoutMs: 60_000, what: "the fetch to finish" },
  );
  runId = run!.id;
}, 120_000);

afterAll(async () => {
  await bed?.close();
});

async function candidate(userName: string) {
  return db.importCandidate.findFirstOrThrow({ where: { runId, userName }, select: { id: true, actions: true } });
}

describe("the confirm dialog's figures", () => {
  it("e-mails differing only in case are no update: the people are only to activate", async () => {
    expect((await candidate("Case.A@Preview.Example")).actions).toEqual(["ACTIVATE"]);
    expect((await candidate("CASE.B@PREVIEW.EXAMPLE")).actions).toEqual(["ACTIVATE"]);
    expect((await candidate(`updated@${DOMAIN}`)).actions).toEqual(["UPDATE"]);
  });

  it("count the actual selection, change nothing, and match what confirming does in Roster and sends to the app", async () => {
    const selection = {
      candidateIds: await Promise.all(
        ["Case.A@Preview.Example", "CASE.B@PREVIEW.EXAMPLE", `updated@${DOMAIN}`, `new1@${DOMAIN}`, `new2@${DOMAIN}`].map(
          async (name) => (await candidate(name)).id,
        ),
      ),
    };
    const people = () => db.user.count({ where: { organizationId: bed.organizationId } });
    const audits = () => db.auditEvent.count({ where: { organizationId: bed.organizationId } });
    const before = { people: await people(), audits: await audits(), jobs: await pendingJobs(), counts: await countCandidates(runId) };
    expect(before.counts).toMatchObject({ all: 7, NEW: 3, UPDATE: 1, ACTIVATE: 2, DEACTIVATE: 1, applied: 0 });

    const preview = await previewImport(bed.organizationId, runId, selection, bed.context);
    expect(preview.people).toBe(5);
    expect(preview.byAction).toEqual({ NEW: 2, UPDATE: 1, ACTIVATE: 2, DEACTIVATE: 0 });
    expect(preview.outcome).toEqual({ created: 2, updated: 1, assigned: 4, unassigned: 0, skipped: 0, groupsCreated: 0, membershipsAdded: 0 });
    // Only Roster's id reaches the app, on the three accounts that lack it; neither the case of an e-mail nor the imported title.
    expect(preview.sent).toEqual({
      people: 3,
      creates: 0,
      updates: 3,
      activates: 0,
      deactivates: 0,
      deletes: 0,
      attributes: [["Roster's id (externalId)", 3]],
      skipped: [],
    });
    // A preview is rolled back whole.
    expect({ people: await people(), audits: await audits(), jobs: await pendingJobs(), counts: await countCandidates(runId) }).toEqual(before);

    bed.sandbox.stats.reset();
    const caseA = bed.sandbox.store.users.findByUserName("Case.A@Preview.Example")!;
    const caseAModified = caseA.lastModified;
    const { toApply } = await confirmImport(bed.organizationId, runId, selection, bed.context);
    expect(toApply).toBe(5);
    await eventually(async () => (await getLatestImportRun(bed.organizationId, bed.appId))?.status === "CONFIRMED", {
      timeoutMs: 60_000,
      what: "the confirmation",
    });
    const run = await db.importRun.findUniqueOrThrow({ where: { id: runId }, select: { summary: true } });
    expect(run.summary).toMatchObject({ created: 2, updated: 1, assigned: 4, unassigned: 0 });
    await eventually(async () => (await pendingJobs()) === 0, { timeoutMs: 60_000, what: "the reconciles after the import" });

    // What the dialog said reached the app is what did: three PATCHes of externalId, none for the case of an e-mail.
    expect(bed.sandbox.stats.snapshot().byMethod.PATCH ?? 0).toBe(3);
    expect(bed.sandbox.stats.snapshot().byMethod.POST ?? 0).toBe(0);
    const updates = await db.operation.findMany({ where: { appId: bed.appId, kind: "UPDATE" }, select: { userId: true, changes: true } });
    expect(updates.map((operation) => Object.keys(operation.changes as object))).toEqual([["externalId"], ["externalId"], ["externalId"]]);
    expect(updates.some((operation) => operation.userId === ids["case.a"])).toBe(false);
    const caseAAfter = bed.sandbox.store.users.findByUserName("Case.A@Preview.Example")!;
    expect(caseAAfter.lastModified).toBe(caseAModified);
    expect(caseAAfter.attributes.userName).toBe("Case.A@Preview.Example");
    expect(bed.sandbox.store.users.findByUserName("CASE.B@PREVIEW.EXAMPLE")!.attributes.userName).toBe("CASE.B@PREVIEW.EXAMPLE");

    // The tabs' counts drop by what was applied.
    expect(await countCandidates(runId)).toMatchObject({ all: 2, NEW: 1, UPDATE: 0, ACTIVATE: 0, DEACTIVATE: 1, applied: 5, overlapping: 0, extra: 0 });
  }, 180_000);
});
