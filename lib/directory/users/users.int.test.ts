import { beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../../app-error";
import { db } from "../../db";
import { makeOrganization, makePerson } from "../../testing/make-organization";
import { userInput, userListQuery, userSelection, type UserInput } from "../schemas/user";
import { assignUsers, unassignUsers } from "../assignments/assign-users";
import { deleteUsers, setUsersStatus } from "./change-users";
import { encodeUserCursor, listUsers } from "./list-users";
import { createUser, updateUser } from "./save-user";

let organizationId: string;
let context: { organizationId: string; actor: { id: string; label: string }; ip: string; actorRole: string };

function person(overrides: Partial<Record<keyof UserInput, string>> = {}): UserInput {
  return userInput.parse({ email: "dana.lee@example.com", firstName: "Dana", lastName: "Lee", department: "Sales", ...overrides });
}

beforeEach(async () => {
  organizationId = (await makeOrganization()).id;
  const owner = await makePerson(organizationId, { role: "OWNER", email: `owner-${Date.now()}@example.com` });
  context = { organizationId, actor: { id: owner.id, label: owner.email }, ip: "198.51.100.4", actorRole: "OWNER" };
});

/** A real Admin with "manage users", as the session would describe them. */
async function adminContext() {
  const admin = await makePerson(organizationId, { role: "ADMIN", permissions: ["MANAGE_USERS"] });
  return { organizationId, actor: { id: admin.id, label: admin.email }, ip: "198.51.100.5", actorRole: "ADMIN" };
}

async function auditOf(userId: string) {
  return db.auditEvent.findMany({ where: { targetId: userId }, orderBy: { createdAt: "asc" }, select: { action: true, changes: true, actorId: true } });
}

describe("createUser", () => {
  it("creates the person and an audit event with every set field", async () => {
    const user = await createUser(person({ email: "  Dana.Lee@Example.COM " }), context);
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { email: true, title: true, searchText: true } });
    expect(stored).toEqual({ email: "dana.lee@example.com", title: null, searchText: "dana lee  dana.lee@example.com" });
    expect(await auditOf(user.id)).toEqual([
      {
        action: "user.created",
        actorId: context.actor.id,
        changes: {
          email: { from: null, to: "dana.lee@example.com" },
          firstName: { from: null, to: "Dana" },
          lastName: { from: null, to: "Lee" },
          department: { from: null, to: "Sales" },
          status: { from: null, to: "ACTIVE" },
        },
      },
    ]);
  });

  it("rejects a duplicate e-mail case-insensitively as a field error naming the holder", async () => {
    await createUser(person(), context);
    const error = await createUser(person({ email: "DANA.LEE@example.com", firstName: "Other" }), context).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fieldErrors).toEqual({ email: ["This e-mail is already used by Dana Lee."] });
    expect(await db.user.count({ where: { organizationId, email: "dana.lee@example.com" } })).toBe(1);
  });

  it("keeps two simultaneous creates of one e-mail to one person", async () => {
    const results = await Promise.allSettled([createUser(person(), context), createUser(person(), context), createUser(person(), context)]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of results) if (result.status === "rejected") expect((result.reason as AppError).code).toBe("conflict");
    expect(await db.auditEvent.count({ where: { action: "user.created", organizationId } })).toBe(1);
  });

  it("rolls the person back when the audit event fails", async () => {
    const ghost = { ...context, actor: { id: "00000000-0000-0000-0000-000000000000", label: "ghost" } };
    await expect(createUser(person(), ghost)).rejects.toThrow();
    expect(await db.user.count({ where: { organizationId, email: "dana.lee@example.com" } })).toBe(0);
  });
});

describe("updateUser", () => {
  it("writes and audits only the changed fields", async () => {
    const { id } = await createUser(person(), context);
    const result = await updateUser(id, person({ title: "Account Executive", department: "Sales" }), context);
    expect(result.changed).toEqual(["title"]);
    expect((await auditOf(id)).at(-1)).toMatchObject({ action: "user.updated", changes: { title: { from: null, to: "Account Executive" } } });
    expect(await updateUser(id, person({ title: "Account Executive" }), context)).toEqual({ id, changed: [] });
    expect(await db.auditEvent.count({ where: { targetId: id } })).toBe(2);
  });

  it("refuses to take another person's e-mail, whatever its case", async () => {
    await createUser(person({ email: "taken@example.com", firstName: "Ada", lastName: "Byron" }), context);
    const { id } = await createUser(person(), context);
    await expect(updateUser(id, person({ email: "TAKEN@example.com" }), context)).rejects.toMatchObject({
      code: "conflict",
      fieldErrors: { email: ["This e-mail is already used by Ada Byron."] },
    });
  });

  it("will not let admins deactivate themselves", async () => {
    await expect(
      updateUser(context.actor.id, userInput.parse({ email: context.actor.label, firstName: "Test", lastName: "Person", status: "INACTIVE" }), context),
    ).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("bulk changes", () => {
  it("deactivates and reactivates a selection, skipping the actor and recording each change", async () => {
    const a = await createUser(person({ email: "a@example.com" }), context);
    const b = await createUser(person({ email: "b@example.com" }), context);
    const result = await setUsersStatus({ ids: [a.id, b.id, context.actor.id] }, "INACTIVE", context);
    expect(result.changed).toBe(2);
    expect(result.skipped).toEqual([{ id: context.actor.id, name: "Test Person", reason: "You cannot deactivate your own account." }]);
    expect(await db.user.count({ where: { organizationId, status: "INACTIVE" } })).toBe(2);
    expect((await auditOf(a.id)).at(-1)).toMatchObject({ action: "user.deactivated", changes: { status: { from: "ACTIVE", to: "INACTIVE" } } });
    expect((await setUsersStatus({ ids: [a.id] }, "INACTIVE", context)).changed).toBe(0);
  });

  it("applies to everyone matching a filter, across batches", async () => {
    await db.user.createMany({
      data: Array.from({ length: 1203 }, (_, i) => ({
        organizationId,
        email: `bulk${i}@example.com`,
        firstName: "Bulk",
        lastName: `P${i}`,
        department: "Temp",
      })),
    });
    const result = await setUsersStatus({ filter: { department: "Temp" } }, "INACTIVE", context);
    expect(result.changed).toBe(1203);
    expect(await db.user.count({ where: { organizationId, department: "Temp", status: "ACTIVE" } })).toBe(0);
    expect(await db.auditEvent.count({ where: { organizationId, action: "user.deactivated" } })).toBe(1203);
  });

  it("deletes people, keeps their audit trail, and refuses an Admin deleting an Owner", async () => {
    const { id } = await createUser(person(), context);
    expect((await deleteUsers({ ids: [id] }, context)).changed).toBe(1);
    expect(await db.user.count({ where: { id } })).toBe(0);
    expect((await auditOf(id)).map((event) => event.action)).toEqual(["user.created", "user.deleted"]);

    const owner2 = await makePerson(organizationId, { role: "OWNER" });
    const asAdmin = await adminContext();
    expect((await deleteUsers({ ids: [owner2.id] }, asAdmin)).skipped[0]?.reason).toBe("Only an Owner can delete an Owner.");
    expect(await db.user.count({ where: { id: owner2.id } })).toBe(1);
  });
});

describe("the Owner rule", () => {
  async function ownerRow(id: string) {
    return db.user.findUniqueOrThrow({ where: { id }, select: { email: true, status: true, role: true } });
  }

  /** The form's values for a person as stored, with some changed. */
  async function formValues(id: string, changes: Partial<Record<keyof UserInput, string>>): Promise<UserInput> {
    const row = await db.user.findUniqueOrThrow({ where: { id }, select: { email: true, firstName: true, lastName: true, status: true } });
    return userInput.parse({ ...row, ...changes });
  }

  it("refuses an Admin changing an Owner's e-mail through the edit form, and changes nothing", async () => {
    const admin = await adminContext();
    const before = await ownerRow(context.actor.id);
    await expect(updateUser(context.actor.id, await formValues(context.actor.id, { email: "attacker@example.com" }), admin)).rejects.toMatchObject({
      code: "forbidden",
      fieldErrors: { email: ["Only an Owner can change an Owner's e-mail."] },
    });
    expect(await ownerRow(context.actor.id)).toEqual(before);
    expect(await db.auditEvent.count({ where: { targetId: context.actor.id } })).toBe(0);
  });

  it("refuses an Admin deactivating an Owner through the edit form", async () => {
    const admin = await adminContext();
    const owner2 = await makePerson(organizationId, { role: "OWNER" });
    await expect(updateUser(owner2.id, await formValues(owner2.id, { status: "INACTIVE" }), admin)).rejects.toMatchObject({
      code: "forbidden",
      fieldErrors: { status: ["Only an Owner can deactivate an Owner."] },
    });
    expect((await ownerRow(owner2.id)).status).toBe("ACTIVE");
  });

  it("lets an Owner change another Owner's e-mail and status", async () => {
    const owner2 = await makePerson(organizationId, { role: "OWNER" });
    const result = await updateUser(owner2.id, await formValues(owner2.id, { email: "renamed@example.com", status: "INACTIVE" }), context);
    expect(result.changed.sort()).toEqual(["email", "status"]);
    expect(await ownerRow(owner2.id)).toEqual({ email: "renamed@example.com", status: "INACTIVE", role: "OWNER" });
  });

  it("never lets the last active Owner go, themselves included, by any path", async () => {
    const inactiveOwner = await makePerson(organizationId, { role: "OWNER", status: "INACTIVE" });
    await expect(updateUser(context.actor.id, await formValues(context.actor.id, { status: "INACTIVE" }), context)).rejects.toMatchObject({
      code: "forbidden",
    });
    expect((await setUsersStatus({ ids: [context.actor.id] }, "INACTIVE", context)).changed).toBe(0);
    expect((await deleteUsers({ ids: [context.actor.id] }, context)).changed).toBe(0);
    expect((await deleteUsers({ filter: {} }, context)).skipped.map((skip) => skip.id)).toEqual([context.actor.id]);
    expect(await ownerRow(context.actor.id)).toMatchObject({ status: "ACTIVE", role: "OWNER" });
    // The deactivated Owner is not one that counts: deleting them leaves the active one.
    expect(await db.user.count({ where: { id: inactiveOwner.id } })).toBe(0);
  });

  it("leaves at least one active Owner when the only two deactivate each other at the same time", async () => {
    for (const [first, second] of [
      ["form", "form"],
      ["form", "bulk"],
      ["bulk", "bulk"],
      ["bulk", "delete"],
    ] as const) {
      await db.user.updateMany({ where: { organizationId, role: "OWNER" }, data: { role: null } });
      const a = await makePerson(organizationId, { role: "OWNER" });
      const b = await makePerson(organizationId, { role: "OWNER" });
      const as = (actor: { id: string; email: string }) => ({ organizationId, actor: { id: actor.id, label: actor.email }, ip: null, actorRole: "OWNER" });
      const remove = async (path: "form" | "bulk" | "delete", actor: typeof a, target: typeof b) => {
        if (path === "form") return updateUser(target.id, await formValues(target.id, { status: "INACTIVE" }), as(actor)).then(() => 1);
        if (path === "bulk") return (await setUsersStatus({ ids: [target.id] }, "INACTIVE", as(actor))).changed;
        return (await deleteUsers({ ids: [target.id] }, as(actor))).changed;
      };
      const results = await Promise.allSettled([remove(first, a, b), remove(second, b, a)]);
      const succeeded = results.filter((result) => result.status === "fulfilled" && result.value === 1).length;
      expect(succeeded, `${first} against ${second}`).toBeLessThanOrEqual(1);
      expect(await db.user.count({ where: { organizationId, role: "OWNER", status: "ACTIVE" } }), `${first} against ${second}`).toBe(1);
    }
  });
});

describe("a bulk action's filter that does not parse", () => {
  it.each([
    ["a status that does not exist", { status: "NOPE" }, "Choose Active or Deactivated as the status filter."],
    ["a search over the limit", { q: "a".repeat(201) }, "Keep the search under 200 characters."],
    ["a NUL byte in the search", { q: "ada\u0000" }, "The search cannot contain line breaks or control characters."],
    ["a filter key the list does not have", { role: "OWNER" }, "The filter has no “role”; filter by search, status or department."],
  ])("is refused in words and changes nobody: %s", async (_, filter, message) => {
    const appId = (await db.app.create({ data: { organizationId, catalogKey: "atlassian", name: "Atlassian" } })).id;
    for (const i of [1, 2, 3]) await createUser(person({ email: `p${i}@example.com` }), context);
    const assigned = await createUser(person({ email: "assigned@example.com" }), context);
    await assignUsers(appId, { ids: [assigned.id] }, context);
    const before = await db.user.findMany({ where: { organizationId }, select: { id: true, status: true }, orderBy: { id: "asc" } });

    // The bulk actions' input schema (users and app assignment actions) refuses it with the reason under the field.
    const parsed = userSelection.safeParse({ filter });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.message)).toEqual([message]);

    // And every service that takes a selection refuses it again, whoever calls it.
    const refused = { code: "invalid_input", message: `Nobody was changed: ${message}` };
    const raw = { filter } as never;
    await expect(setUsersStatus(raw, "INACTIVE", context)).rejects.toMatchObject(refused);
    await expect(deleteUsers(raw, context)).rejects.toMatchObject(refused);
    await expect(assignUsers(appId, raw, context)).rejects.toMatchObject(refused);
    await expect(unassignUsers(appId, raw, context)).rejects.toMatchObject(refused);

    expect(await db.user.findMany({ where: { organizationId }, select: { id: true, status: true }, orderBy: { id: "asc" } })).toEqual(before);
    expect(await db.assignment.findMany({ where: { appId }, select: { userId: true } })).toEqual([{ userId: assigned.id }]);
  });

  it("still applies a valid filter, and an empty one to everyone", async () => {
    for (const i of [1, 2]) await createUser(person({ email: `p${i}@example.com`, department: "Ops" }), context);
    const selection = userSelection.parse({ filter: { department: "Ops", status: "ACTIVE" } });
    expect((await setUsersStatus(selection, "INACTIVE", context)).changed).toBe(2);
    expect(userSelection.parse({ filter: {} })).toEqual({ filter: {} });
    expect(userSelection.safeParse({}).error?.issues.map((issue) => issue.message)).toEqual(["Select some people, or everyone matching the list's filter."]);
  });
});

describe("listUsers", () => {
  beforeEach(async () => {
    const names = ["Émile Zola", "Ada Lovelace", "Alan Turing", "Grace Hopper", "Linus Torvalds", "Ada Yonath"];
    for (const [i, full] of names.entries()) {
      const [firstName, lastName] = full.split(" ");
      await createUser(
        person({ email: `${lastName!.toLowerCase()}@example.com`, firstName: firstName!, lastName: lastName!, department: i % 2 ? "Eng" : "Sci" }),
        context,
      );
    }
  });

  const base = { sort: "name" as const, dir: "asc" as const };

  it("searches names and e-mails case-insensitively, with wildcards taken literally", async () => {
    expect((await listUsers(organizationId, { ...base, q: "ADA" })).users.map((u) => u.lastName)).toEqual(["Lovelace", "Yonath"]);
    expect((await listUsers(organizationId, { ...base, q: "ada lovelace" })).users.map((u) => u.lastName)).toEqual(["Lovelace"]);
    expect((await listUsers(organizationId, { ...base, q: "TURING@EXAMPLE" })).total).toBe(1);
    expect((await listUsers(organizationId, { ...base, q: "%" })).total).toBe(0);
    expect((await listUsers(organizationId, { ...base, q: "_" })).total).toBe(0);
  });

  it("filters by status and department and counts the matches", async () => {
    const page = await listUsers(organizationId, { ...base, department: "Eng" });
    expect(page.total).toBe(3);
    expect(page.users.every((user) => user.department === "Eng")).toBe(true);
    expect((await listUsers(organizationId, { ...base, status: "INACTIVE" })).total).toBe(0);
  });

  it.each([
    ["name", "asc"],
    ["name", "desc"],
    ["email", "asc"],
    ["created", "desc"],
    ["status", "asc"],
  ] as const)("pages forward and back by %s %s without gaps or repeats", async (sort, dir) => {
    const all = (await listUsers(organizationId, { sort, dir }, 100)).users.map((user) => user.id);
    const forward: string[] = [];
    let page = await listUsers(organizationId, { sort, dir }, 2);
    forward.push(...page.users.map((user) => user.id));
    while (page.nextCursor) {
      page = await listUsers(organizationId, { sort, dir, after: page.nextCursor }, 2);
      forward.push(...page.users.map((user) => user.id));
    }
    expect(forward).toEqual(all);
    const backward: string[] = [...page.users.map((user) => user.id)];
    while (page.previousCursor) {
      page = await listUsers(organizationId, { sort, dir, before: page.previousCursor }, 2);
      backward.unshift(...page.users.map((user) => user.id));
    }
    expect(backward).toEqual(all);
  });

  it("starts at the first page for a cursor it did not make, and reads control characters in the URL's search as spaces", async () => {
    const first = (await listUsers(organizationId, { ...base, sort: "created" }, 2)).users;
    for (const after of [
      "garbage",
      encodeUserCursor({ createdAt: "not a date", id: "00000000-0000-4000-8000-000000000000" }),
      encodeUserCursor({ createdAt: "2026-01-01T00:00:00.000Z", id: "not-a-uuid" }),
      encodeUserCursor({ createdAt: "2026-01-01T00:00:00.000Z\u0000", id: "00000000-0000-4000-8000-000000000000" }),
    ]) {
      expect((await listUsers(organizationId, { ...base, sort: "created", after }, 2)).users, after).toEqual(first);
    }
    const page = await listUsers(organizationId, userListQuery.parse({ q: "ada\u0000lovelace", status: "NOPE", department: "Eng\u0000" }));
    expect(page.users.map((user) => user.lastName)).toEqual(["Lovelace"]);
    expect((await listUsers(organizationId, userListQuery.parse({ q: "\u0000ada\u0000" }))).total).toBe(2);
  });

  it("never shows another organization's people", async () => {
    const other = await makeOrganization("Other");
    await makePerson(other.id, { email: "lovelace@example.com" });
    expect((await listUsers(organizationId, { ...base, q: "lovelace" })).total).toBe(1);
  });
});
