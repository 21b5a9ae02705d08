import { describe, expect, it } from "vitest";
import { ENTERPRISE_USER_SCHEMA } from "../../scim/schema-urns";
import { patchForChanges } from "./patch-for-changes";
import { MOBILE_PHONE, PRIMARY_EMAIL } from "./target-attributes";

describe("patchForChanges", () => {
  it.each([
    [{ title: { from: "A", to: "B" } }, [{ op: "replace", path: "title", value: "B" }]],
    [{ title: { from: "A", to: null } }, [{ op: "remove", path: "title" }]],
    [{ "name.givenName": { from: "Dana", to: "Dee" } }, [{ op: "replace", path: "name.givenName", value: "Dee" }]],
    [{ [PRIMARY_EMAIL]: { from: "a@x", to: "b@x" } }, [{ op: "replace", path: "emails", value: [{ value: "b@x", type: "work", primary: true }] }]],
    [{ [MOBILE_PHONE]: { from: "1", to: null } }, [{ op: "remove", path: "phoneNumbers" }]],
    [
      { [`${ENTERPRISE_USER_SCHEMA}:department`]: { from: null, to: "Sales" } },
      [{ op: "replace", path: `${ENTERPRISE_USER_SCHEMA}:department`, value: "Sales" }],
    ],
  ])("patches only what changed (%#)", (changes, expected) => {
    expect(patchForChanges(changes)).toEqual(expected);
  });

  it("always uses lower-case ops", () => {
    const ops = patchForChanges({ title: { from: null, to: "x" }, displayName: { from: "y", to: null } });
    expect(ops.every((op) => op.op === op.op.toLowerCase())).toBe(true);
  });
});
