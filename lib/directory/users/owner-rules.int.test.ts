import { describe, expect, it } from "vitest";
import { db } from "../../db";
import { makeOrganization, makePerson } from "../../testing/make-organization";
import { lockOwnerRule } from "./owner-rules";

/** No screen or import changes a role today; the rule already refuses the demotions it must, for whichever path adds it. */
describe("the Owner rule on roles", () => {
  it("lets an Owner demote another Owner but never the last active one, and never lets an Admin change an Owner's role", async () => {
    const organizationId = (await makeOrganization()).id;
    const a = { ...(await makePerson(organizationId, { role: "OWNER" })), firstName: "Ada", lastName: "Owner", role: "OWNER" };
    const b = { ...(await makePerson(organizationId, { role: "OWNER" })), firstName: "Bo", lastName: "Owner", role: "OWNER" };
    const admin = await makePerson(organizationId, { role: "ADMIN", permissions: ["MANAGE_USERS"] });

    await db.$transaction(async (tx) => {
      const asAdmin = await lockOwnerRule(tx, organizationId, admin.id);
      expect(asAdmin.refuse(b, { kind: "role", to: "ADMIN" })).toBe("Only an Owner can change an Owner's role.");
      const asA = await lockOwnerRule(tx, organizationId, a.id);
      expect(asA.refuse(b, { kind: "role", to: "ADMIN" })).toBeNull();
      expect(asA.refuse(a, { kind: "role", to: "ADMIN" })).toBe(
        "You are the organization's last active Owner, so your account cannot be given another role: without an Owner nobody could change the organization.",
      );
      expect(asA.refuse(a, { kind: "role", to: "OWNER" })).toBeNull();
    });
  });
});
