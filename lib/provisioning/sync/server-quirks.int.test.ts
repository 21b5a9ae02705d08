import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../db";
import { assignUsers } from "../../directory/assignments/assign-users";
import { userInput } from "../../directory/schemas/user";
import { deleteUsers, setUsersStatus } from "../../directory/users/change-users";
import { createUser, updateUser } from "../../directory/users/save-user";
import { SERVER_QUIRK_NAMES, type RunningSandbox } from "../../sandbox";
import { startEngineTestbed, type EngineTestbed } from "../../testing/engine-testbed";
import { eventually } from "../../../scripts/testing/worker-process";

// The engine against the two server behaviours that broke it (issue #14): filters that compare
// case exactly, and 500 instead of 404 for a user that no longer exists. A real worker, a real
// database, and the sandbox playing the quirk.

let testbed: EngineTestbed;
let sandbox: RunningSandbox;
let appId: string;
let context: EngineTestbed["context"];

beforeAll(async () => {
  testbed = await startEngineTestbed({ token: "quirks-token-0001", organization: "Halden", ownerEmail: "owner@halden.example" });
  ({ sandbox, appId, context } = testbed);
});

afterAll(async () => {
  await testbed?.close();
});

beforeEach(() => sandbox.quirks.set({}));

const remoteByExternalId = (userId: string) => sandbox.store.users.findByExternalId(userId);
const operationsOf = (userId: string) =>
  db.operation.findMany({
    where: { appId, userId },
    orderBy: { createdAt: "asc" },
    select: { kind: true, status: true, httpStatus: true, message: true, attempt: true },
  });
const summary = async (userId: string) => (await operationsOf(userId)).map((op) => `${op.kind}:${op.status}`);
const accountOf = (userId: string) => db.account.findUnique({ where: { appId_userId: { appId, userId } }, select: { state: true, remoteId: true } });

async function newPerson(email: string, title = "AE") {
  return createUser(userInput.parse({ email, firstName: "Farid", lastName: "Haddad", title }), context);
}

describe("the sync engine against servers as they really are", () => {
  it("exactCaseFilters: links the account whose e-mail differs only in case, instead of failing on the 409", async () => {
    sandbox.quirks.set({ exactCaseFilters: true });
    const existing = sandbox.store.users.create(
      { userName: "Farid@Halden.example", emails: [{ value: "Farid@Halden.example", primary: true }], active: true },
      new Date(),
    );
    const { id } = await newPerson("farid@halden.example");
    await assignUsers(appId, { ids: [id] }, context);

    // Whatever the engine decided first: a link, or the create refused for good.
    await eventually(async () => (await operationsOf(id)).some((op) => op.kind === "LINK" || op.status === "FAILED"), { what: "a LINK or a FAILED row" });
    // The linked account is then brought in line with the directory.
    await eventually(async () => sandbox.store.users.get(existing.id)?.attributes.title === "AE", { what: "the linked account's update" });

    const operations = await operationsOf(id);
    // The refused POST has its row, saying what came of it; then the link and the update.
    expect(operations.map((op) => `${op.kind}:${op.status}`)).toEqual(["CREATE:FAILED", "LINK:SUCCEEDED", "UPDATE:SUCCEEDED"]);
    expect(operations[0]).toMatchObject({ httpStatus: 409, message: expect.stringMatching(/found it\.$/) });
    expect(sandbox.store.users.all().filter((user) => String(user.attributes.userName).toLowerCase() === "farid@halden.example")).toHaveLength(1);
    expect(await accountOf(id)).toEqual({ state: "ACTIVE", remoteId: existing.id });
  });

  it(
    "exactCaseFilters: a holder no search can reach fails the create for good, in plain words, with no job left to retry it",
    { timeout: 60_000 },
    async () => {
      sandbox.quirks.set({ exactCaseFilters: true });
      // The holder sits past the 10,000 users the last-resort listing reads.
      const now = new Date();
      for (let index = 0; index < 10_000; index++) {
        sandbox.store.users.create(
          { userName: `filler${index}@elsewhere.example`, emails: [{ value: `filler${index}@elsewhere.example`, primary: true }] },
          now,
        );
      }
      sandbox.store.users.create({ userName: "Hidden@Halden.example", emails: [{ value: "Hidden@Halden.example", primary: true }] }, now);
      try {
        const { id } = await newPerson("hidden@halden.example");
        await assignUsers(appId, { ids: [id] }, context);

        const failed = await eventually(async () => (await operationsOf(id)).find((op) => op.status === "FAILED"), {
          what: "the FAILED row",
          timeoutMs: 45_000,
        });
        expect(failed).toMatchObject({
          kind: "CREATE",
          httpStatus: 409,
          message: expect.stringMatching(
            /^The app refused to create the account because another account already has this user name or e-mail \(HTTP 409\), and Roster found no such account by user name, by e-mail or among the first 10,000 of the app's users, so it cannot link it by itself\. Link it with “Link to an existing account…” \(on this row of the log, or on the person’s page\), free the user name or e-mail in the app/,
          ),
        });
        // Not retried blindly: the job ends with the failure instead of waiting for another attempt.
        const key = `reconcile:${appId}:${id}`;
        await eventually(
          async () =>
            (await db.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM graphile_worker._private_jobs WHERE key = ${key}`)[0]!.count === 0,
          {
            what: "the reconcile job to be gone",
          },
        );
        expect(await summary(id)).toEqual(["CREATE:FAILED"]);
      } finally {
        sandbox.store.clear();
      }
    },
  );

  it("missingIs500: re-creates, within one job, an account deleted in the app behind Roster's back when the person is edited", async () => {
    sandbox.quirks.set({ missingIs500: true });
    const { id } = await newPerson("gone.edited@halden.example");
    await assignUsers(appId, { ids: [id] }, context);
    const first = await eventually(async () => remoteByExternalId(id), { what: "the account to be created" });
    await eventually(async () => (await summary(id)).includes("CREATE:SUCCEEDED"), { what: "the CREATE row" });

    sandbox.store.users.delete(first!.id);
    await updateUser(id, userInput.parse({ email: "gone.edited@halden.example", firstName: "Farid", lastName: "Haddad", title: "Senior AE" }), context);

    const again = await eventually(async () => (remoteByExternalId(id)?.attributes.title === "Senior AE" ? remoteByExternalId(id) : undefined), {
      what: "the account to be created again with the new title",
    });
    await eventually(async () => (await operationsOf(id)).length === 4, { what: "the rows of the re-create" });
    const operations = await operationsOf(id);
    // The client's one quick retry of the 500 has its row; then the GET's 404 says the account is gone, and it is created again.
    expect(operations.map((op) => `${op.kind}:${op.status}`)).toEqual(["CREATE:SUCCEEDED", "UPDATE:FAILED", "UPDATE:FAILED", "CREATE:SUCCEEDED"]);
    expect(operations[1]).toMatchObject({
      httpStatus: 500,
      message: expect.stringMatching(/^Attempt 1 of 2 \(PATCH \/Users\/[^)]+\) failed: .* Roster sent it again\.$/),
    });
    expect(operations[2]).toMatchObject({
      httpStatus: 404,
      message:
        "The app answered HTTP 500 to PATCH, then HTTP 404 when Roster read the account: it no longer exists in the app. Roster creates it again if the person is in scope.",
    });
    // One job: the update's failure and the re-create are the same attempt, not a retry.
    expect(operations.slice(1).map((op) => op.attempt)).toEqual([1, 1, 1]);
    expect(again!.id).not.toBe(first!.id);
    expect(await accountOf(id)).toEqual({ state: "ACTIVE", remoteId: again!.id });
  });

  it("missingIs500: counts the account as deleted when a deactivated person is deleted after the app lost the account", async () => {
    sandbox.quirks.set({ missingIs500: true });
    const { id } = await newPerson("gone.deleted@halden.example");
    await assignUsers(appId, { ids: [id] }, context);
    const remote = await eventually(async () => remoteByExternalId(id), { what: "the account to be created" });
    await setUsersStatus({ ids: [id] }, "INACTIVE", context);
    await eventually(async () => (await summary(id)).includes("DEACTIVATE:SUCCEEDED"), { what: "the deactivation" });

    sandbox.store.users.delete(remote!.id);
    await deleteUsers({ ids: [id] }, context);

    await eventually(async () => (await operationsOf(id)).some((op) => op.kind === "DELETE"), { what: "the DELETE row" });
    const operations = await operationsOf(id);
    expect(operations.map((op) => `${op.kind}:${op.status}`)).toEqual(["CREATE:SUCCEEDED", "DEACTIVATE:SUCCEEDED", "DELETE:FAILED", "DELETE:SUCCEEDED"]);
    expect(operations[2]).toMatchObject({ httpStatus: 500, message: expect.stringMatching(/^Attempt 1 of 2 \(DELETE /) });
    expect(operations[3]).toMatchObject({
      httpStatus: 404,
      attempt: 1,
      message: "The app answered HTTP 500 to DELETE, then HTTP 404 when Roster read the account: it no longer exists in the app. Nothing was left to delete.",
    });
    expect(await accountOf(id)).toEqual({ state: "DELETED", remoteId: null });
  });
});

describe.each(SERVER_QUIRK_NAMES)("the sync engine with the quirk %s", (quirk) => {
  it("creates, updates, deactivates and deletes an account", async () => {
    sandbox.quirks.set({ [quirk]: true });
    const email = `lifecycle.${quirk.toLowerCase()}@halden.example`;
    const { id } = await newPerson(email);
    await assignUsers(appId, { ids: [id] }, context);
    const created = await eventually(async () => remoteByExternalId(id), { what: "the account to be created" });
    if (quirk === "idIsUserName") expect(created!.id).toBe(email);

    await updateUser(id, userInput.parse({ email, firstName: "Farid", lastName: "Haddad", title: "Senior AE" }), context);
    await eventually(async () => remoteByExternalId(id)?.attributes.title === "Senior AE", { what: "the title update" });
    await setUsersStatus({ ids: [id] }, "INACTIVE", context);
    await eventually(async () => remoteByExternalId(id)?.attributes.active === false, { what: "the deactivation" });
    await deleteUsers({ ids: [id] }, context);
    await eventually(async () => (await operationsOf(id)).some((op) => op.kind === "DELETE"), { what: "the DELETE row" });

    expect(remoteByExternalId(id)).toBeUndefined();
    expect(await summary(id)).toEqual(["CREATE:SUCCEEDED", "UPDATE:SUCCEEDED", "DEACTIVATE:SUCCEEDED", "DELETE:SUCCEEDED"]);
    expect(await accountOf(id)).toEqual({ state: "DELETED", remoteId: null });
  });
});
