/**
 * The Link action for a create the app refused with a conflict Roster could not resolve (issue #14): a
 * sandbox that compares filter values exactly, holding an account whose user name differs from the
 * person's only in case and whose e-mail differs, past the 10,000 users the engine reads looking for it.
 * The admin finds it (search), links it (one short transaction after the app's answer), and the next
 * reconcile brings it in line with the directory. A real worker, a real database, the sandbox.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "../../db";
import { assignUsers } from "../../directory/assignments/assign-users";
import { userInput } from "../../directory/schemas/user";
import { createUser, updateUser } from "../../directory/users/save-user";
import { startSandbox, type RunningSandbox } from "../../sandbox";
import { makeActiveApp } from "../../testing/active-app";
import { makeOrganization, makePerson } from "../../testing/make-organization";
import { eventually, startWorker, type WorkerProcess } from "../../../scripts/testing/worker-process";
import { conflictLinkStates, conflictLinkStatesForPerson } from "./conflict-link-states";
import { linkAccount } from "./link-account";
import { searchAppAccounts } from "./search-app-accounts";

let sandbox: RunningSandbox;
let worker: WorkerProcess;
let appId: string;
let organizationId: string;
let context: { organizationId: string; actor: { id: string; label: string }; ip: null };
let holderId: string;

const PERSON = { email: "hana.berg@halden.example", firstName: "Hana", lastName: "Berg", title: "Engineer" };

beforeAll(async () => {
  vi.stubEnv("ROSTER_ALLOW_PRIVATE_TARGETS", "1");
  sandbox = await startSandbox({ quiet: true, token: "link-token-0001", quirks: { exactCaseFilters: true } });
  organizationId = (await makeOrganization("Halden")).id;
  const owner = await makePerson(organizationId, { role: "OWNER", email: "owner@halden.example" });
  context = { organizationId, actor: { id: owner.id, label: owner.email }, ip: null };
  appId = await makeActiveApp(sandbox, context, { maxConcurrency: 8, maxRequestsPerSecond: 1_000 });
  const now = new Date();
  for (let index = 0; index < 10_000; index++) {
    sandbox.store.users.create({ userName: `filler${index}@elsewhere.example`, emails: [{ value: `filler${index}@elsewhere.example`, primary: true }] }, now);
  }
  holderId = sandbox.store.users.create(
    {
      userName: "Hana.Berg@Halden.example",
      emails: [{ value: "hb@halden-old.example", primary: true }],
      name: { givenName: "H.", familyName: "Berg" },
      active: true,
    },
    now,
  ).id;
  worker = startWorker();
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await sandbox?.close();
});

const operationsOf = (userId: string) =>
  db.operation.findMany({
    where: { appId, userId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, appId: true, userId: true, kind: true, status: true, httpStatus: true, message: true, errorKind: true },
  });

async function assignedPerson(values: { email: string; firstName: string; lastName: string; title?: string }) {
  const { id } = await createUser(userInput.parse(values), context);
  await assignUsers(appId, { ids: [id] }, context);
  return id;
}

describe("linking the account an unresolved conflict could not find", () => {
  it("finds the holder by what the admin types, links it, logs and audits the link, and the next reconcile brings it in line", async () => {
    const userId = await assignedPerson(PERSON);
    const failed = await eventually(async () => (await operationsOf(userId)).find((op) => op.status === "FAILED"), {
      timeoutMs: 45_000,
      what: "the create to fail on the conflict",
    });
    expect(failed).toMatchObject({ kind: "CREATE", httpStatus: 409, errorKind: "conflict", message: expect.stringMatching(/so it cannot link it/) });
    expect(await conflictLinkStates(organizationId, [failed!])).toEqual({ [failed!.id]: { state: "linkable" } });
    expect(await conflictLinkStatesForPerson(organizationId, userId, [appId])).toEqual({ [appId]: { message: failed!.message, at: expect.any(Date) } });
    // Another organization's admin sees nothing of it.
    const stranger = (await makeOrganization("Elsewhere")).id;
    expect(await conflictLinkStates(stranger, [failed!])).toEqual({});

    // The person's e-mail, lower-cased: the server's exact filters miss the holder, and it is past the 1,000 users listed.
    expect(await searchAppAccounts(organizationId, appId, PERSON.email)).toEqual({ accounts: [], listed: 1_000, truncated: true });
    // Its user name as the app shows it finds it (this server filters only userName and externalId, exactly), and so does its id.
    const holder = {
      id: holderId,
      userName: "Hana.Berg@Halden.example",
      displayName: "H. Berg",
      email: "hb@halden-old.example",
      active: true,
      linkedTo: null,
    };
    expect(await searchAppAccounts(organizationId, appId, "Hana.Berg@Halden.example")).toMatchObject({ accounts: [holder] });
    expect(await searchAppAccounts(organizationId, appId, holderId)).toMatchObject({ accounts: [holder] });

    expect(await linkAccount(organizationId, appId, userId, holderId, context)).toEqual({
      remoteId: holderId,
      remoteUserName: "Hana.Berg@Halden.example",
      state: "ACTIVE",
    });
    expect(await db.account.findUnique({ where: { appId_userId: { appId, userId } }, select: { remoteId: true, state: true, lastError: true } })).toEqual({
      remoteId: holderId,
      state: "ACTIVE",
      lastError: null,
    });
    const operations = await operationsOf(userId);
    expect(operations.find((op) => op.kind === "LINK")).toMatchObject({
      status: "SUCCEEDED",
      message: "Linked by owner@halden.example to the app's existing account Hana.Berg@Halden.example; Roster brings it in line with the directory next.",
    });
    expect(await db.auditEvent.findFirst({ where: { organizationId, action: "user.account_linked" }, select: { targetId: true, changes: true } })).toEqual({
      targetId: userId,
      changes: { app: { from: null, to: "Atlassian" }, account: { from: null, to: "Hana.Berg@Halden.example" } },
    });
    expect(await conflictLinkStates(organizationId, [failed!])).toEqual({ [failed!.id]: { state: "linked", remoteUserName: "Hana.Berg@Halden.example" } });
    expect(await conflictLinkStatesForPerson(organizationId, userId, [appId])).toEqual({});
    expect((await searchAppAccounts(organizationId, appId, "Hana.Berg@Halden.example")).accounts[0]?.linkedTo).toEqual({
      userId,
      label: "Hana Berg <hana.berg@halden.example>",
    });

    // The link marked the pair: the account now carries the person's values.
    const inLine = () => {
      const attributes = sandbox.store.users.get(holderId)?.attributes;
      // The app's spelling of the user name is kept: it differs from the directory's only in letter case.
      return (
        String(attributes?.userName).toLowerCase() === PERSON.email &&
        attributes?.title === PERSON.title &&
        (attributes?.name as { givenName?: string })?.givenName === "Hana"
      );
    };
    await eventually(async () => inLine(), { what: "the linked account to be brought in line" });
    expect(sandbox.store.users.get(holderId)?.attributes.userName).toBe("Hana.Berg@Halden.example");
    expect(sandbox.store.users.get(holderId)?.attributes.emails).toEqual([expect.objectContaining({ value: PERSON.email })]);
    // And a later change reaches it too, with no second account anywhere.
    await updateUser(userId, userInput.parse({ ...PERSON, title: "Lead engineer" }), context);
    await eventually(async () => sandbox.store.users.get(holderId)?.attributes.title === "Lead engineer", { what: "the next change" });
    expect(sandbox.store.users.all().filter((user) => String(user.attributes.userName).toLowerCase() === PERSON.email)).toHaveLength(1);
    // The sandbox holds the change before the worker has recorded it: wait for the row.
    const summary = async () => (await operationsOf(userId)).map((op) => `${op.kind}:${op.status}`);
    await eventually(async () => (await summary()).length >= 4, { what: "the second update's row" });
    expect(await summary()).toEqual(["CREATE:FAILED", "LINK:SUCCEEDED", "UPDATE:SUCCEEDED", "UPDATE:SUCCEEDED"]);
  }, 120_000);

  it("refuses, in plain words, an account already linked to someone, an id the app does not have, and a person already linked", async () => {
    const other = await assignedPerson({ email: "ola.nord@halden.example", firstName: "Ola", lastName: "Nord" });
    await eventually(async () => (await db.account.findUnique({ where: { appId_userId: { appId, userId: other } } }))?.remoteId, {
      what: "the second person's account",
    });
    const [linked] = await db.account.findMany({ where: { appId, remoteId: holderId }, select: { userLabel: true } });

    await expect(linkAccount(organizationId, appId, other, holderId, context)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/^Ola Nord <ola.nord@halden.example> is already linked to the app's account ola.nord@halden.example/),
    });
    const unlinked = await makePerson(organizationId, { email: "new.person@halden.example" });
    await expect(linkAccount(organizationId, appId, unlinked.id, holderId, context)).rejects.toMatchObject({
      code: "invalid_input",
      message: "Test Person is not assigned to Atlassian: assign them first, then link their account.",
    });
    await db.assignment.create({ data: { appId, userId: unlinked.id } });
    await expect(linkAccount(organizationId, appId, unlinked.id, holderId, context)).rejects.toMatchObject({
      code: "conflict",
      message: `This account is already linked to ${linked!.userLabel}. Each account in an app belongs to one person; choose another.`,
    });
    await expect(linkAccount(organizationId, appId, unlinked.id, "no-such-account", context)).rejects.toMatchObject({
      code: "not_found",
      message: "Atlassian has no account with the id no-such-account (any more). Search again and choose one from the list.",
    });
    const stranger = (await makeOrganization("Elsewhere")).id;
    await expect(linkAccount(stranger, appId, unlinked.id, holderId, { ...context, organizationId: stranger })).rejects.toMatchObject({ code: "not_found" });
    expect(await db.operation.count({ where: { appId, userId: unlinked.id, kind: "LINK" } })).toBe(0);
  }, 60_000);

  it("searches the first 1,000 of the app's users for part of a name or e-mail, without regard to case, at most 20 at a time", async () => {
    expect(await searchAppAccounts(organizationId, appId, "FILLER99")).toMatchObject({ listed: 1_000, truncated: true });
    const found = await searchAppAccounts(organizationId, appId, "FILLER99");
    expect(found.accounts.map((account) => account.userName).sort()).toEqual(
      ["filler99", ...Array.from({ length: 10 }, (_, i) => `filler99${i}`)].map((name) => `${name}@elsewhere.example`).sort(),
    );
    const many = await searchAppAccounts(organizationId, appId, "filler1");
    expect(many.accounts).toHaveLength(20);
    expect(many.truncated).toBe(false);
  }, 60_000);
});
