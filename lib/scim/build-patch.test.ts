import { describe, expect, it } from "vitest";
import { add, addMembers, patchRequest, remove, removeMembers, replace, replaceAttributes, setActive } from "./build-patch.ts";
import { PATCH_OP_SCHEMA } from "./schema-urns.ts";

describe("PATCH builders", () => {
  it.each([
    ["deactivate", setActive(false), [{ op: "replace", path: "active", value: false }]],
    ["activate", setActive(true), [{ op: "replace", path: "active", value: true }]],
    [
      "several operations in order",
      patchRequest(replace("name.givenName", "Ann"), add("emails", [{ value: "a@example.com", primary: true }]), remove("title")),
      [
        { op: "replace", path: "name.givenName", value: "Ann" },
        { op: "add", path: "emails", value: [{ value: "a@example.com", primary: true }] },
        { op: "remove", path: "title" },
      ],
    ],
    [
      "a path-less replace",
      patchRequest(replaceAttributes({ title: "CTO", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { department: "R&D" } })),
      [{ op: "replace", value: { title: "CTO", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { department: "R&D" } } }],
    ],
    ["member additions as one operation", addMembers(["u1", "u2"]), [{ op: "add", path: "members", value: [{ value: "u1" }, { value: "u2" }] }]],
    [
      "member removals with escaped value filters",
      removeMembers(["u1", 'we"ird']),
      [
        { op: "remove", path: 'members[value eq "u1"]' },
        { op: "remove", path: 'members[value eq "we\\"ird"]' },
      ],
    ],
  ])("builds %s", (_, request, operations) => {
    expect(request).toEqual({ schemas: [PATCH_OP_SCHEMA], Operations: operations });
  });

  it("always writes the RFC's lower-case op names", () => {
    const ops = patchRequest(add("a", 1), replace("b", 2), remove("c")).Operations.map((operation) => operation.op);
    expect(ops).toEqual(["add", "replace", "remove"]);
  });

  it.each([
    ["an empty request", () => patchRequest()],
    ["an empty path", () => replace("  ", 1)],
    ["a remove without a path", () => remove("")],
    ["a path-less replace without attributes", () => replaceAttributes({})],
  ])("refuses %s", (_, build) => {
    expect(build).toThrow(TypeError);
  });
});
