import { beforeEach, describe, expect, it } from "vitest";
import { db, type Tx } from "../../db";
import { makeOrganization, makePerson } from "../../testing/make-organization";
import { listPeopleApps } from "./list-people-apps";

let organizationId: string;

beforeEach(async () => {
  organizationId = (await makeOrganization()).id;
});

/** The real client, counting the statements sent through it. */
function countingClient() {
  const counter = { statements: 0 };
  const client = new Proxy(db, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        counter.statements++;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  }) as unknown as Tx;
  return { client, counter };
}

describe("listPeopleApps", () => {
  it("reads a page's apps, direct and through groups, in one statement", async () => {
    const [ada, bo, cy] = [await makePerson(organizationId), await makePerson(organizationId), await makePerson(organizationId)];
    const [jira, slack, zoom] = await Promise.all(
      ["Jira", "slack", "Zoom"].map((name) => db.app.create({ data: { organizationId, catalogKey: "scim", name }, select: { id: true } })),
    );
    const engineering = await db.group.create({ data: { organizationId, name: "Engineering" } });
    const design = await db.group.create({ data: { organizationId, name: "Design" } });
    await db.groupMember.createMany({
      data: [
        { groupId: engineering.id, userId: ada.id },
        { groupId: design.id, userId: ada.id },
        { groupId: engineering.id, userId: bo.id },
      ],
    });
    await db.groupAssignment.createMany({
      data: [
        { appId: jira!.id, groupId: engineering.id },
        { appId: jira!.id, groupId: design.id },
        { appId: zoom!.id, groupId: design.id },
      ],
    });
    await db.assignment.createMany({
      data: [
        { appId: jira!.id, userId: ada.id },
        { appId: slack!.id, userId: bo.id },
      ],
    });

    const { client, counter } = countingClient();
    const apps = await listPeopleApps(organizationId, [ada.id, bo.id, cy.id], client);

    expect(counter.statements).toBe(1);
    expect(apps.get(ada.id)).toEqual([
      { appId: jira!.id, name: "Jira", direct: true, groups: ["Design", "Engineering"] },
      { appId: zoom!.id, name: "Zoom", direct: false, groups: ["Design"] },
    ]);
    expect(apps.get(bo.id)).toEqual([
      { appId: jira!.id, name: "Jira", direct: false, groups: ["Engineering"] },
      { appId: slack!.id, name: "slack", direct: true, groups: [] },
    ]);
    expect(apps.get(cy.id)).toEqual([]);
  });

  it("never reads another organization's apps, and sends nothing for an empty page", async () => {
    const person = await makePerson(organizationId);
    const other = await makeOrganization("Other");
    const theirs = await db.app.create({ data: { organizationId: other.id, catalogKey: "scim", name: "Theirs" } });
    await db.assignment.create({ data: { appId: theirs.id, userId: person.id } });
    expect((await listPeopleApps(organizationId, [person.id])).get(person.id)).toEqual([]);

    const { client, counter } = countingClient();
    expect((await listPeopleApps(organizationId, [], client)).size).toBe(0);
    expect(counter.statements).toBe(0);
  });
});
