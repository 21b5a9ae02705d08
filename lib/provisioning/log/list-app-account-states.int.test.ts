import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../db";
import { makeOrganization, makePerson } from "../../testing/make-organization";
import { listAppAccountStates } from "./list-app-account-states";

let organizationId: string;
let appId: string;

beforeEach(async () => {
  organizationId = (await makeOrganization()).id;
  appId = (await db.app.create({ data: { organizationId, catalogKey: "scim", name: "CRM", state: "ACTIVE" } })).id;
});

describe("listAppAccountStates", () => {
  it("reads each person's account and latest failure for a page", async () => {
    const [provisioned, failing, refused, waiting, recovered] = await Promise.all(Array.from({ length: 5 }, () => makePerson(organizationId)));
    await db.account.createMany({
      data: [
        { appId, userId: provisioned!.id, userLabel: "P", remoteId: "r1", state: "ACTIVE" },
        { appId, userId: failing!.id, userLabel: "F", remoteId: "r2", state: "ACTIVE", lastError: "The app refused the change." },
        { appId, userId: recovered!.id, userLabel: "R", remoteId: "r3", state: "ACTIVE" },
      ],
    });
    const at = (seconds: number) => new Date(Date.UTC(2026, 10, 30, 8, 0, seconds));
    await db.operation.createMany({
      data: [
        { appId, userId: refused!.id, userLabel: "X", kind: "CREATE", status: "FAILED", message: "The app already has this user name.", createdAt: at(1) },
        { appId, userId: recovered!.id, userLabel: "R", kind: "CREATE", status: "FAILED", message: "Timed out.", createdAt: at(1) },
        { appId, userId: recovered!.id, userLabel: "R", kind: "CREATE", status: "SUCCEEDED", createdAt: at(2) },
      ],
    });

    const states = await listAppAccountStates(organizationId, appId, [provisioned!.id, failing!.id, refused!.id, waiting!.id, recovered!.id]);

    expect(states.get(provisioned!.id)).toEqual({ account: { state: "ACTIVE", remoteId: "r1", lastError: null }, lastFailure: null });
    expect(states.get(failing!.id)).toEqual({ account: { state: "ACTIVE", remoteId: "r2", lastError: "The app refused the change." }, lastFailure: null });
    expect(states.get(refused!.id)).toEqual({ account: null, lastFailure: "The app already has this user name." });
    expect(states.get(waiting!.id)).toEqual({ account: null, lastFailure: null });
    expect(states.get(recovered!.id)?.lastFailure).toBeNull();
  });

  it("reads nothing of another organization's app", async () => {
    const person = await makePerson(organizationId);
    const other = await makeOrganization("Other");
    expect((await listAppAccountStates(other.id, appId, [person.id])).size).toBe(0);
    expect((await listAppAccountStates(organizationId, appId, [])).size).toBe(0);
  });
});
