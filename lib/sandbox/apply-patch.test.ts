import { describe, expect, it } from "vitest";
import { applyPatch } from "./apply-patch.ts";
import { GROUP_CATALOGUE, USER_CATALOGUE } from "./attribute-catalogue.ts";
import type { Attributes } from "./coerce-attributes.ts";
import type { PatchOperation } from "./parse-patch-request.ts";
import { ScimProblem } from "./scim-problem.ts";

const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const ATLASSIAN = "urn:scim:schemas:extension:atlassian-external:1.0";

const user: Attributes = {
  userName: "dana@example.com",
  name: { givenName: "Dana", familyName: "Lee" },
  title: "Engineer",
  active: true,
  emails: [
    { value: "dana@example.com", type: "work", primary: true },
    { value: "dana@home.example", type: "home", primary: false },
  ],
  [ENTERPRISE]: { department: "R&D", costCenter: "42" },
};

const patch = (...operations: PatchOperation[]) => applyPatch(user, operations, USER_CATALOGUE);

describe("applyPatch on a user", () => {
  it.each<[string, PatchOperation[], Attributes]>([
    ["replace a simple attribute", [{ op: "replace", path: "title", value: "CTO" }], { title: "CTO" }],
    ["add to a simple attribute replaces it", [{ op: "add", path: "title", value: "CTO" }], { title: "CTO" }],
    ["deactivate", [{ op: "replace", path: "active", value: false }], { active: false }],
    ["names are case-insensitive", [{ op: "replace", path: "DisplayName", value: "D" }], { displayName: "D" }],
    ["a sub-attribute", [{ op: "replace", path: "name.givenName", value: "Ann" }], { name: { givenName: "Ann", familyName: "Lee" } }],
    [
      "a complex value merges",
      [{ op: "replace", path: "name", value: { middleName: "J" } }],
      { name: { givenName: "Dana", familyName: "Lee", middleName: "J" } },
    ],
    [
      "an extension attribute by URN path",
      [{ op: "replace", path: `${ENTERPRISE}:department`, value: "Sales" }],
      { [ENTERPRISE]: { department: "Sales", costCenter: "42" } },
    ],
    [
      "a whole extension",
      [{ op: "add", path: ENTERPRISE, value: { division: "EU" } }],
      { [ENTERPRISE]: { department: "R&D", costCenter: "42", division: "EU" } },
    ],
    ["the top-level department Atlassian accepts", [{ op: "add", path: "department", value: "Ops" }], { department: "Ops" }],
    [
      "a path-less replace with several attributes and an extension",
      [{ op: "replace", value: { title: "CTO", "name.familyName": "Park", [ENTERPRISE]: { department: "Sales" } } }],
      { title: "CTO", name: { givenName: "Dana", familyName: "Park" }, [ENTERPRISE]: { department: "Sales", costCenter: "42" } },
    ],
    [
      "a path-less value ignores read-only attributes",
      [{ op: "replace", value: { id: "other", meta: {}, [ATLASSIAN]: { atlassianAccountId: "x" }, title: "CTO" } }],
      { title: "CTO" },
    ],
    [
      "replace a whole list",
      [{ op: "replace", path: "emails", value: [{ value: "new@example.com", primary: true }] }],
      { emails: [{ value: "new@example.com", primary: true }] },
    ],
    [
      "add a primary e-mail demotes the old one",
      [{ op: "add", path: "emails", value: [{ value: "new@example.com", primary: true }] }],
      {
        emails: [
          { value: "dana@example.com", type: "work", primary: false },
          { value: "dana@home.example", type: "home", primary: false },
          { value: "new@example.com", primary: true },
        ],
      },
    ],
    [
      "add a value that exists replaces it instead of duplicating it",
      [{ op: "add", path: "emails", value: { value: "dana@home.example", type: "personal" } }],
      {
        emails: [
          { value: "dana@example.com", type: "work", primary: true },
          { value: "dana@home.example", type: "personal" },
        ],
      },
    ],
    [
      "replace through a value filter",
      [{ op: "replace", path: 'emails[type eq "work"].value', value: "dana@new.example" }],
      {
        emails: [
          { value: "dana@new.example", type: "work", primary: true },
          { value: "dana@home.example", type: "home", primary: false },
        ],
      },
    ],
    [
      "add through a filter that matches nothing creates the value (Entra)",
      [{ op: "add", path: 'phoneNumbers[type eq "mobile"].value', value: "+33 6" }],
      { phoneNumbers: [{ type: "mobile", value: "+33 6" }] },
    ],
    [
      "filter values compare without regard to case",
      [{ op: "remove", path: 'emails[type eq "HOME"]' }],
      { emails: [{ value: "dana@example.com", type: "work", primary: true }] },
    ],
    ["remove a simple attribute", [{ op: "remove", path: "title" }], { title: undefined }],
    ["remove a sub-attribute", [{ op: "remove", path: "name.familyName" }], { name: { givenName: "Dana" } }],
    ["remove a whole extension", [{ op: "remove", path: ENTERPRISE }], { [ENTERPRISE]: undefined }],
    [
      "remove the last extension attribute drops the extension",
      [
        { op: "remove", path: `${ENTERPRISE}:department` },
        { op: "remove", path: `${ENTERPRISE}:costCenter` },
      ],
      { [ENTERPRISE]: undefined },
    ],
    [
      "remove a sub-attribute through a filter",
      [{ op: "remove", path: 'emails[type eq "home"].type' }],
      {
        emails: [
          { value: "dana@example.com", type: "work", primary: true },
          { value: "dana@home.example", primary: false },
        ],
      },
    ],
    [
      "operations apply in order",
      [
        { op: "replace", path: "title", value: "A" },
        { op: "replace", path: "title", value: "B" },
      ],
      { title: "B" },
    ],
  ])("%s", (_, operations, changes) => {
    const expected: Attributes = { ...structuredClone(user), ...changes };
    for (const [key, value] of Object.entries(changes)) if (value === undefined) delete expected[key];
    expect(patch(...operations)).toEqual(expected);
  });

  it("leaves the original untouched", () => {
    const before = structuredClone(user);
    patch({ op: "replace", path: "name.givenName", value: "Ann" }, { op: "remove", path: "emails" });
    expect(user).toEqual(before);
  });

  it.each<[string, PatchOperation, number, string]>([
    ["the id", { op: "replace", path: "id", value: "x" }, 400, "mutability"],
    ["meta", { op: "replace", path: "meta.created", value: "x" }, 400, "mutability"],
    ["the Atlassian account id", { op: "replace", path: `${ATLASSIAN}:atlassianAccountId`, value: "x" }, 400, "mutability"],
    ["the Atlassian extension", { op: "add", path: ATLASSIAN, value: {} }, 400, "mutability"],
    ["groups", { op: "add", path: "groups", value: [{ value: "g" }] }, 400, "mutability"],
    ["an unknown attribute", { op: "replace", path: "shoeSize", value: 42 }, 400, "invalidPath"],
    ["an unknown sub-attribute", { op: "replace", path: "name.nickname", value: "x" }, 400, "invalidPath"],
    ["a malformed path", { op: "replace", path: "name..givenName", value: "x" }, 400, "invalidPath"],
    ["a sub-attribute of a list without a filter", { op: "replace", path: "emails.value", value: "x" }, 400, "invalidPath"],
    ["a filter that is not eq", { op: "remove", path: 'emails[type co "w"]' }, 400, "invalidFilter"],
    ["a filter on a single-valued attribute", { op: "remove", path: 'title[value eq "x"]' }, 400, "invalidFilter"],
    ["a replace whose filter matches nothing", { op: "replace", path: 'emails[type eq "other"].value', value: "x" }, 400, "noTarget"],
    ["a path-less operation without an object", { op: "replace", value: "x" }, 400, "invalidValue"],
  ])("refuses a change to %s", (_, operation, status, scimType) => {
    let problem: unknown;
    try {
      patch(operation);
    } catch (error) {
      problem = error;
    }
    expect(problem).toBeInstanceOf(ScimProblem);
    expect(problem).toMatchObject({ status, scimType });
  });
});

describe("applyPatch on a group", () => {
  const group: Attributes = { displayName: "Admins", members: [{ value: "u1" }, { value: "u2" }] };
  it.each<[string, PatchOperation[], unknown]>([
    ["add members", [{ op: "add", path: "members", value: [{ value: "u3" }] }], [{ value: "u1" }, { value: "u2" }, { value: "u3" }]],
    ["add an existing member is a no-op", [{ op: "add", path: "members", value: [{ value: "u1" }] }], [{ value: "u2" }, { value: "u1" }]],
    ["remove a member with a value filter", [{ op: "remove", path: 'members[value eq "u1"]' }], [{ value: "u2" }]],
    ["remove members listed in the value (Entra)", [{ op: "remove", path: "members", value: [{ value: "u2" }] }], [{ value: "u1" }]],
    ["remove a member that is not there", [{ op: "remove", path: 'members[value eq "u9"]' }], [{ value: "u1" }, { value: "u2" }]],
    ["remove every member", [{ op: "remove", path: "members" }], undefined],
  ])("%s", (_, operations, members) => {
    expect(applyPatch(group, operations, GROUP_CATALOGUE).members).toEqual(members);
  });
});
