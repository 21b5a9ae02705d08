import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db";
import { assignUsers, unassignUsers } from "../../directory/assignments/assign-users";
import { userInput } from "../../directory/schemas/user";
import { deleteUsers, setUsersStatus } from "../../directory/users/change-users";
import { createUser, updateUser } from "../../directory/users/save-user";
import type { RunningSandbox } from "../../sandbox";
import { startEngineTestbed, type EngineTestbed } from "../../testing/engine-testbed";
import { eventually } from "../../../scripts/testing/worker-process";

let testbed: EngineTestbed;
let sandbox: RunningSandbox;
let appId: string;
let context: EngineTestbed["context"];

beforeAll(async () => {
  testbed = await startEngineTestbed({ token: "sync-token-0001", organization: "Halden", ownerEmail: "owner@halden.example" });
  ({ sandbox, appId, context } = testbed);
});

afterAll(async () => {
  await testbed?.close();
});

const remoteByExternalId = (userId: string) => sandbox.store.users.findByExternalId(userId);
const operationsOf = (userId: string) =>
  db.operation.findMany({ where: { appId, userId }, orderBy: { createdAt: "asc" }, select: { kind: true, status: true, message: true, changes: true } });

async function newPerson(email: string, extra: Record<string, string> = {}) {
  return createUser(userInput.parse({ email, firstName: "Dana", lastName: "Lee", title: "AE", ...extra }), context);
}

describe("the sync engine, against the sandbox with a real worker", () => {
  it("creates, updates one field, deactivates, reactivates and deletes", async () => {
    const { id } = await newPerson("dana.lee@halden.example");
    await assignUsers(appId, { ids: [id] }, context);
    const created = await eventually(async () => remoteByExternalId(id), { what: "the account to be created" });
    expect(created!.attributes).toMatchObject({
      userName: "dana.lee@halden.example",
      title: "AE",
      active: true,
      name: { givenName: "Dana", familyName: "Lee" },
    });

    await updateUser(id, userInput.parse({ email: "dana.lee@halden.example", firstName: "Dana", lastName: "Lee", title: "Senior AE" }), context);
    await eventually(async () => remoteByExternalId(id)?.attributes.title === "Senior AE", { what: "the title update" });
    // The log row commits just after the app answered.
    const update = await eventually(async () => (await operationsOf(id)).find((op) => op.kind === "UPDATE"), { what: "the UPDATE row" });
    expect(update).toMatchObject({ status: "SUCCEEDED", changes: { title: { from: "AE", to: "Senior AE" } } });

    await unassignUsers(appId, { ids: [id] }, context);
    await eventually(async () => remoteByExternalId(id)?.attributes.active === false, { what: "deactivation on unassign" });
    await assignUsers(appId, { ids: [id] }, context);
    await eventually(async () => remoteByExternalId(id)?.attributes.active === true, { what: "reactivation on reassign" });

    await setUsersStatus({ ids: [id] }, "INACTIVE", context);
    await eventually(async () => remoteByExternalId(id)?.attributes.active === false, { what: "deactivation in the directory" });
    await setUsersStatus({ ids: [id] }, "ACTIVE", context);
    await eventually(async () => remoteByExternalId(id)?.attributes.active === true, { what: "activation in the directory" });

    await deleteUsers({ ids: [id] }, context);
    await eventually(async () => !remoteByExternalId(id), { what: "the remote delete" });
    await eventually(async () => (await operationsOf(id)).some((op) => op.kind === "DELETE"), { what: "the DELETE row" });
    expect((await operationsOf(id)).map((op) => `${op.kind}:${op.status}`)).toEqual([
      "CREATE:SUCCEEDED",
      "UPDATE:SUCCEEDED",
      "DEACTIVATE:SUCCEEDED",
      "ACTIVATE:SUCCEEDED",
      "DEACTIVATE:SUCCEEDED",
      "ACTIVATE:SUCCEEDED",
      "DELETE:SUCCEEDED",
    ]);
    expect(await db.account.findUnique({ where: { appId_userId: { appId, userId: id } }, select: { state: true, remoteId: true } })).toEqual({
      state: "DELETED",
      remoteId: null,
    });
  });

  it("links an account that already exists in the app instead of creating a second one", async () => {
    const existing = sandbox.store.users.create(
      { userName: "preexisting@halden.example", emails: [{ value: "preexisting@halden.example", primary: true }], active: true },
      new Date(),
    );
    const { id } = await newPerson("Preexisting@Halden.example");
    await assignUsers(appId, { ids: [id] }, context);
    await eventually(async () => (await operationsOf(id)).some((op) => op.kind === "LINK"), { what: "the link" });
    await eventually(async () => sandbox.store.users.get(existing.id)?.attributes.title === "AE", { what: "the adopted account's update" });
    expect(sandbox.store.users.all().filter((user) => String(user.attributes.userName).toLowerCase() === "preexisting@halden.example")).toHaveLength(1);
  });

  it.each([
    ["syncCreate", "assign", "CREATE"],
    ["syncUpdate", "edit", "UPDATE"],
    ["syncActivation", "unassign", "DEACTIVATE"],
    ["syncDelete", "delete", "DELETE"],
  ] as const)("logs SKIPPED and sends nothing when %s is off (%s)", async (action, change, kind) => {
    const { id } = await newPerson(`skip-${action}@halden.example`);
    if (change !== "assign") {
      await assignUsers(appId, { ids: [id] }, context);
      await eventually(async () => remoteByExternalId(id), { what: "the account" });
    }
    await db.app.update({ where: { id: appId }, data: { [action]: false, ...(action === "syncDelete" ? { syncActivation: false } : {}) } });
    const before = sandbox.stats.snapshot().total;
    try {
      if (change === "assign") await assignUsers(appId, { ids: [id] }, context);
      if (change === "edit")
        await updateUser(id, userInput.parse({ email: `skip-${action}@halden.example`, firstName: "Dana", lastName: "Lee", title: "Changed" }), context);
      if (change === "unassign") await unassignUsers(appId, { ids: [id] }, context);
      if (change === "delete") await deleteUsers({ ids: [id] }, context);
      const skipped = await eventually(async () => (await operationsOf(id)).find((op) => op.status === "SKIPPED"), { what: "the skipped operation" });
      expect(skipped).toMatchObject({ kind, message: expect.stringMatching(/is off for this app/) });
      expect(sandbox.stats.snapshot().total - before).toBe(0);
    } finally {
      await db.app.update({ where: { id: appId }, data: { syncCreate: true, syncUpdate: true, syncDelete: true, syncActivation: true } });
    }
  });
});
