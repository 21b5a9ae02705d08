import { describe, expect, it } from "vitest";
import type { MappingRule } from "../provisioning/mapping/build-scim-user";
import type { DirectoryPerson } from "../provisioning/mapping/directory-fields";
import { attributeValues, nameIdValue } from "./assertion-values";

const person: DirectoryPerson = {
  id: "u1",
  email: "Dana.Lee@acme.example",
  firstName: "Dana",
  lastName: "Lee",
  displayName: null,
  employeeId: "E-42",
  title: null,
  department: "Research",
  mobile: null,
  locale: null,
  timezone: null,
  status: "ACTIVE",
};
const context = { organizationName: "Acme" };

describe("the NameID", () => {
  it("is what provisioning sends as userName, transforms included", () => {
    const mapping: MappingRule[] = [
      { target: "userName", source: { field: "email", transforms: [{ kind: "lowercase" }] } },
      { target: "displayName", source: { field: "fullName" } },
    ];
    expect(nameIdValue(person, "userName", mapping, context)).toBe("dana.lee@acme.example");
  });

  it("falls back to the e-mail when the mapping has no userName, and reads a chosen field otherwise", () => {
    expect(nameIdValue(person, "userName", [], context)).toBe("Dana.Lee@acme.example");
    expect(nameIdValue(person, "employeeId", [], context)).toBe("E-42");
    expect(nameIdValue(person, "title", [], context)).toBeNull();
  });
});

describe("the attributes", () => {
  it("computes each from a field (with transforms) or a value, and leaves empty ones out", () => {
    expect(
      attributeValues(
        person,
        [
          { name: "displayName", sourceField: "displayName", hardcodedValue: null, transforms: [] },
          { name: "dept", sourceField: "department", hardcodedValue: null, transforms: [{ kind: "uppercase" }] },
          { name: "org", sourceField: "organizationName", hardcodedValue: null, transforms: [] },
          { name: "role", sourceField: null, hardcodedValue: "member", transforms: [] },
          { name: "title", sourceField: "title", hardcodedValue: null, transforms: [] },
        ],
        context,
      ),
    ).toEqual([
      { name: "displayName", value: "Dana Lee" },
      { name: "dept", value: "RESEARCH" },
      { name: "org", value: "Acme" },
      { name: "role", value: "member" },
    ]);
  });
});
