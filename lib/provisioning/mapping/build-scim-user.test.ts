import { describe, expect, it } from "vitest";
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from "../../scim/schema-urns";
import { scimUserInputSchema } from "../../scim/user-resource";
import { atlassian } from "../connectors/atlassian";
import { customScim } from "../connectors/custom-scim";
import { buildScimUser, mapValues, readScimValues, toScimUser, type MappingRule } from "./build-scim-user";
import type { DirectoryPerson } from "./directory-fields";
import { MOBILE_PHONE, PRIMARY_EMAIL, TARGET_PATHS, type TargetPath } from "./target-attributes";

const dana: DirectoryPerson = {
  id: "6b1f0c8e-8f1e-4c7a-9d55-2f1f3c0d9a11",
  email: "dana.lee@halden.example",
  firstName: "Dana",
  lastName: "Lee",
  displayName: null,
  employeeId: "E-42",
  title: "Account Executive",
  department: "Sales",
  mobile: "+44 7700 900123",
  locale: "en-GB",
  timezone: "Europe/London",
  status: "ACTIVE",
};
const context = { organizationName: "Halden & Co" };
const only = (target: TargetPath, source: MappingRule["source"]): MappingRule[] => [{ target, source }];

describe("buildScimUser: one attribute path at a time", () => {
  it.each<[string, MappingRule[], Record<string, unknown>]>([
    ["userName", only("userName", { field: "email" }), { userName: "dana.lee@halden.example" }],
    ["primary work e-mail", only(PRIMARY_EMAIL, { field: "email" }), { emails: [{ value: "dana.lee@halden.example", type: "work", primary: true }] }],
    ["name.givenName", only("name.givenName", { field: "firstName" }), { name: { givenName: "Dana", formatted: "Dana" } }],
    ["name.familyName", only("name.familyName", { field: "lastName" }), { name: { familyName: "Lee", formatted: "Lee" } }],
    ["displayName falls back to the full name", only("displayName", { field: "displayName" }), { displayName: "Dana Lee" }],
    ["nickName", only("nickName", { field: "firstName" }), { nickName: "Dana" }],
    ["title", only("title", { field: "title" }), { title: "Account Executive" }],
    ["Atlassian's top-level department", only("department", { field: "department" }), { department: "Sales" }],
    ["Atlassian's top-level organization", only("organization", { field: "organizationName" }), { organization: "Halden & Co" }],
    ["mobile phone", only(MOBILE_PHONE, { field: "mobile" }), { phoneNumbers: [{ value: "+44 7700 900123", type: "mobile" }] }],
    ["preferredLanguage", only("preferredLanguage", { field: "locale" }), { preferredLanguage: "en-GB" }],
    ["locale", only("locale", { field: "locale" }), { locale: "en-GB" }],
    ["timezone", only("timezone", { field: "timezone" }), { timezone: "Europe/London" }],
    [
      "enterprise department",
      only(`${ENTERPRISE_USER_SCHEMA}:department`, { field: "department" }),
      { schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA], [ENTERPRISE_USER_SCHEMA]: { department: "Sales" } },
    ],
    [
      "enterprise employeeNumber",
      only(`${ENTERPRISE_USER_SCHEMA}:employeeNumber`, { field: "employeeId" }),
      { schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA], [ENTERPRISE_USER_SCHEMA]: { employeeNumber: "E-42" } },
    ],
    ["a hardcoded value", only("organization", { value: "Halden Group" }), { organization: "Halden Group" }],
    ["a hardcoded value is trimmed", only("title", { value: "  Contractor  " }), { title: "Contractor" }],
  ])("%s", (_label, rules, expected) => {
    expect(buildScimUser(dana, rules, context)).toEqual({ schemas: [USER_SCHEMA], externalId: dana.id, active: true, ...expected });
  });

  it("covers every target attribute in the tests above", () => {
    const tested = new Set<string>([
      "userName",
      PRIMARY_EMAIL,
      "name.givenName",
      "name.familyName",
      "displayName",
      "nickName",
      "title",
      "department",
      "organization",
      MOBILE_PHONE,
      "preferredLanguage",
      "locale",
      "timezone",
      `${ENTERPRISE_USER_SCHEMA}:department`,
      `${ENTERPRISE_USER_SCHEMA}:employeeNumber`,
      `${ENTERPRISE_USER_SCHEMA}:organization`,
    ]);
    expect(TARGET_PATHS.filter((path) => !tested.has(path))).toEqual([]);
  });
});

describe("buildScimUser: empties and status", () => {
  it("leaves out empty values instead of sending empty strings", () => {
    const sparse = { ...dana, title: null, department: "   ", mobile: "" };
    const user = buildScimUser(sparse, atlassian.defaultMapping, context);
    expect(user).not.toHaveProperty("title");
    expect(user).not.toHaveProperty("department");
    expect(user).not.toHaveProperty("phoneNumbers");
    expect(JSON.stringify(user)).not.toContain('""');
  });

  it("sends active=false for a deactivated person, or when told to", () => {
    expect(buildScimUser({ ...dana, status: "INACTIVE" }, [], context).active).toBe(false);
    expect(buildScimUser(dana, [], context, false).active).toBe(false);
  });

  it("produces a valid SCIM user from each connector's default mapping", () => {
    for (const connector of [atlassian, customScim]) {
      const user = buildScimUser(dana, connector.defaultMapping, context);
      expect(scimUserInputSchema.safeParse(user).success).toBe(true);
      expect(user.userName).toBe("dana.lee@halden.example");
      expect(user.name).toEqual({ givenName: "Dana", familyName: "Lee", formatted: "Dana Lee" });
    }
  });
});

describe("readScimValues", () => {
  it("reads back what toScimUser wrote, for every path", () => {
    const values = Object.fromEntries(TARGET_PATHS.map((path, index) => [path, `value-${index}`]));
    expect(readScimValues(toScimUser("x", values, true), TARGET_PATHS)).toEqual(values);
  });

  it("reads a server's user: primary e-mail first, mobile phone by type", () => {
    const remote = {
      userName: "DANA@halden.example",
      emails: [
        { value: "old@halden.example", type: "work" },
        { value: "dana@halden.example", type: "other", primary: true },
      ],
      phoneNumbers: [
        { value: "+1 555 0100", type: "work", primary: true },
        { value: "+44 7700 900123", type: "mobile" },
      ],
      name: { givenName: " Dana " },
    };
    expect(readScimValues(remote, [PRIMARY_EMAIL, MOBILE_PHONE, "name.givenName", "title"])).toEqual({
      [PRIMARY_EMAIL]: "dana@halden.example",
      [MOBILE_PHONE]: "+44 7700 900123",
      "name.givenName": "Dana",
    });
  });
});

describe("mapValues", () => {
  it("maps the connector defaults for the demo person", () => {
    expect(mapValues(dana, atlassian.defaultMapping, context)).toMatchObject({
      userName: "dana.lee@halden.example",
      organization: "Halden & Co",
      department: "Sales",
    });
  });
});

describe("connectors", () => {
  it.each([atlassian, customScim])("$name maps every required attribute and only attributes it accepts", (connector) => {
    const mapped = new Set(connector.defaultMapping.map((rule) => rule.target));
    for (const required of connector.requiredTargets) expect(mapped.has(required)).toBe(true);
    for (const target of mapped) expect(connector.targets).toContain(target);
  });
});
