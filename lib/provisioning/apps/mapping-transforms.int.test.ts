import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db";
import { assignUsers } from "../../directory/assignments/assign-users";
import { userInput } from "../../directory/schemas/user";
import { updateOrganization } from "../../directory/organization";
import { createUser } from "../../directory/users/save-user";
import type { RunningSandbox } from "../../sandbox";
import { startEngineTestbed, type EngineTestbed } from "../../testing/engine-testbed";
import { eventually } from "../../../scripts/testing/worker-process";
import type { MappingRuleInput } from "../schemas/provisioning";
import { atlassian } from "../connectors/atlassian";
import { getMappingRows, saveMapping, toMappingRows } from "./field-mappings";

let testbed: EngineTestbed;
let sandbox: RunningSandbox;
let appId: string;
let context: EngineTestbed["context"];

beforeAll(async () => {
  testbed = await startEngineTestbed({ token: "transform-token-0001", organization: "Halden Transforms", ownerEmail: "owner@transforms.example" });
  ({ sandbox, appId, context } = testbed);
});

afterAll(async () => {
  await testbed?.close();
});

const remote = (userId: string) => sandbox.store.users.findByExternalId(userId)?.attributes;
/** As an Owner does in Settings. */
const setPlan = (plan: "FREE" | "STANDARD") => updateOrganization(context.organizationId, { name: "Halden Transforms", plan }, context.actor);

/** The stored mapping with `target` replaced by `rule`. */
async function mappingWith(rule: MappingRuleInput): Promise<MappingRuleInput[]> {
  return [...(await getMappingRows(appId)).filter((row) => row.target !== rule.target), rule];
}

const shoutedName: MappingRuleInput = {
  target: "displayName",
  sourceField: "firstName",
  hardcodedValue: null,
  transforms: [{ kind: "join", fields: ["lastName"], separator: " " }, { kind: "uppercase" }],
};

describe("a saved transform, through the real engine to the sandbox", () => {
  it("changes what the app receives as soon as the mapping is saved, and the Free plan sends the default mapping", async () => {
    const { id } = await createUser(userInput.parse({ email: "zoe.muller@transforms.example", firstName: "Zoë", lastName: "Müller", title: "AE" }), context);
    await assignUsers(appId, { ids: [id] }, context);
    await eventually(async () => remote(id)?.displayName === "Zoë Müller", { what: "the account with the default display name", timeoutMs: 90_000 }).catch(
      async (error) => {
        console.log(JSON.stringify(remote(id)), testbed.worker.output(), await db.operation.findMany({ where: { appId } }));
        throw error;
      },
    );

    // No directory edit: saving the mapping alone must reach the app.
    const result = await saveMapping(appId, await mappingWith(shoutedName), context);
    expect(result.changed).toEqual(["displayName"]);
    await eventually(async () => remote(id)?.displayName === "ZOË MÜLLER", { what: "the transformed display name" });
    const update = await eventually(
      async () => db.operation.findFirst({ where: { appId, userId: id, kind: "UPDATE" }, select: { status: true, changes: true } }),
      { what: "the UPDATE row" },
    );
    expect(update).toMatchObject({ status: "SUCCEEDED", changes: { displayName: { from: "Zoë Müller", to: "ZOË MÜLLER" } } });
    expect(await getMappingRows(appId)).toContainEqual(shoutedName);
    const audit = await db.auditEvent.findFirst({
      where: { targetId: appId, action: "app.mapping_changed" },
      orderBy: { createdAt: "desc" },
      select: { changes: true },
    });
    expect(audit?.changes).toEqual({
      displayName: { from: "Directory: Display name", to: "Directory: First name, then join with Last name separated by “ ”, then upper case" },
    });

    // On Free the engine applies the connector's defaults, whatever is stored: changing the plan alone sends them.
    await setPlan("FREE");
    try {
      await eventually(async () => remote(id)?.displayName === "Zoë Müller", { what: "the default display name on Free" });
      // The custom mapping is kept for a paid plan, even when the Free page saves the defaults, and cannot be changed on Free.
      expect(await saveMapping(appId, toMappingRows(atlassian.defaultMapping), context)).toEqual({ changed: [] });
      expect(await getMappingRows(appId)).toContainEqual(shoutedName);
      await expect(saveMapping(appId, await mappingWith({ ...shoutedName, transforms: [{ kind: "lowercase" }] }), context)).rejects.toThrow(
        /Standard or Professional plan/,
      );
    } finally {
      await setPlan("STANDARD");
    }
    // Back on a paid plan, the saved transform applies again.
    await eventually(async () => remote(id)?.displayName === "ZOË MÜLLER", { what: "the transformed display name after the upgrade" });
  }, 180_000);

  it("refuses transforms without a directory field, in plain words", async () => {
    const rule: MappingRuleInput = { target: "title", sourceField: null, hardcodedValue: "Staff", transforms: [{ kind: "lowercase" }] };
    await expect(saveMapping(appId, await mappingWith(rule), context)).rejects.toMatchObject({
      fieldErrors: { title: ["Transforms apply to a directory field's value; choose a directory field."] },
    });
  });
});
