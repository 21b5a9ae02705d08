import { describe, expect, it } from "vitest";
import { planGroup, type AppGroup, type DesiredGroup, type GroupLink, type GroupStep, type PlanGroupInput } from "./plan-group";

const ATLASSIAN = { canRename: false };
const RENAMES = { canRename: true };
const desired = (name: string, memberRemoteIds: string[]): DesiredGroup => ({ name, memberRemoteIds });
const link: GroupLink = { remoteId: "g-1", remoteName: "Sales" };
const app = (displayName: string, memberIds: string[], id = "g-1"): AppGroup => ({ id, displayName, memberIds });
const adds = (...chunks: string[][]): GroupStep[] => chunks.map((memberIds, index) => ({ kind: "addMembers", memberIds, chunk: index + 1, of: chunks.length }));
const removes = (...chunks: string[][]): GroupStep[] =>
  chunks.map((memberIds, index) => ({ kind: "removeMembers", memberIds, chunk: index + 1, of: chunks.length }));

describe("planGroup", () => {
  it.each<[string, Omit<PlanGroupInput, "chunkSize"> & { chunkSize?: number }, GroupStep[]]>([
    // Not linked yet: look the name up before creating, then create empty and add, or adopt.
    [
      "not linked, app not read → look the name up",
      { desired: desired("Sales", ["u1"]), link: null, appGroup: "unknown", capabilities: ATLASSIAN },
      [{ kind: "lookup", displayName: "Sales" }],
    ],
    [
      "not linked, no group of that name → create it empty, then add the members in chunks",
      { desired: desired("Sales", ["u1", "u2", "u3", "u4", "u5"]), link: null, appGroup: null, capabilities: ATLASSIAN },
      [{ kind: "create", displayName: "Sales" }, ...adds(["u1", "u2"], ["u3", "u4"], ["u5"])],
    ],
    [
      "not linked, no group, nobody in it → create only",
      { desired: desired("Sales", []), link: null, appGroup: null, capabilities: ATLASSIAN },
      [{ kind: "create", displayName: "Sales" }],
    ],
    [
      "not linked, a group of that name (any case) → link it and bring its members in line",
      { desired: desired("Sales", ["u1", "u2", "u3"]), link: null, appGroup: app("SALES", ["u2", "x9"], "g-7"), capabilities: ATLASSIAN },
      [{ kind: "link", remoteId: "g-7", displayName: "SALES" }, ...removes(["x9"]), ...adds(["u1", "u3"])],
    ],
    [
      "not linked, a group with exactly the members → link only",
      { desired: desired("Sales", ["u1"]), link: null, appGroup: app("Sales", ["u1"], "g-7"), capabilities: ATLASSIAN },
      [{ kind: "link", remoteId: "g-7", displayName: "Sales" }],
    ],
    // Linked: read, then only the difference.
    [
      "linked, app not read → read the group",
      { desired: desired("Sales", ["u1"]), link, appGroup: "unknown", capabilities: ATLASSIAN },
      [{ kind: "read", remoteId: "g-1" }],
    ],
    [
      "linked group gone from the app → forget the link, saying why",
      { desired: desired("Sales", ["u1"]), link, appGroup: null, capabilities: ATLASSIAN, appName: "Atlassian" },
      [{ kind: "unlink", remoteId: "g-1", reason: "“Sales” was deleted in Atlassian; Roster looks for “Sales” again." }],
    ],
    [
      "linked, same members (any order, duplicates) → nothing",
      { desired: desired("Sales", ["u2", "u1", "u2"]), link, appGroup: app("Sales", ["u1", "u2"]), capabilities: ATLASSIAN },
      [],
    ],
    [
      "linked, members joined and left → remove then add, each in chunks",
      { desired: desired("Sales", ["u1", "u4", "u5", "u6"]), link, appGroup: app("Sales", ["u1", "u2", "u3", "u2"]), capabilities: ATLASSIAN },
      [...removes(["u2", "u3"]), ...adds(["u4", "u5"], ["u6"])],
    ],
    [
      "linked, everyone left → remove all, never a whole-list replace",
      { desired: desired("Sales", []), link, appGroup: app("Sales", ["u1", "u2", "u3"]), capabilities: ATLASSIAN },
      removes(["u1", "u2"], ["u3"]),
    ],
    // Renames.
    [
      "renamed, the app can rename → rename, then the members",
      { desired: desired("Revenue", ["u1", "u2"]), link, appGroup: app("Sales", ["u1"]), capabilities: RENAMES },
      [{ kind: "rename", remoteId: "g-1", from: "Sales", to: "Revenue" }, ...adds(["u2"])],
    ],
    [
      "renamed, Atlassian cannot rename → recreate under the new name with every member, then delete the old",
      { desired: desired("Revenue", ["u1", "u2", "u3"]), link, appGroup: app("Sales", ["u1", "x9"]), capabilities: ATLASSIAN, appName: "Atlassian" },
      [
        {
          kind: "recreate",
          oldRemoteId: "g-1",
          from: "Sales",
          to: "Revenue",
          reason: "Atlassian cannot rename a group: Roster created “Revenue” with the same members and deleted “Sales”.",
        },
        { kind: "create", displayName: "Revenue" },
        ...adds(["u1", "u2"], ["u3"]),
        { kind: "delete", remoteId: "g-1", displayName: "Sales" },
      ],
    ],
    [
      "renamed in case only, the app cannot rename → keep the name, saying why, and still fix the members",
      { desired: desired("SALES", ["u1", "u2"]), link, appGroup: app("Sales", ["u1"]), capabilities: ATLASSIAN, appName: "Atlassian" },
      [
        { kind: "skip", wanted: "rename", reason: "Atlassian cannot rename a group, nor create “SALES” beside “Sales”: the group keeps the name “Sales”." },
        ...adds(["u2"]),
      ],
    ],
    [
      "renamed in case only, the app can rename → rename",
      { desired: desired("SALES", ["u1"]), link, appGroup: app("Sales", ["u1"]), capabilities: RENAMES },
      [{ kind: "rename", remoteId: "g-1", from: "Sales", to: "SALES" }],
    ],
    // Stopping.
    [
      "no longer pushed, linked → delete it",
      { desired: null, link, appGroup: app("Sales", ["u1"]), capabilities: ATLASSIAN },
      [{ kind: "delete", remoteId: "g-1", displayName: "Sales" }],
    ],
    [
      "no longer pushed, linked, not read → delete by the known name",
      { desired: null, link, appGroup: "unknown", capabilities: ATLASSIAN },
      [{ kind: "delete", remoteId: "g-1", displayName: "Sales" }],
    ],
    [
      "no longer pushed, already gone from the app → only forget the link",
      { desired: null, link, appGroup: null, capabilities: ATLASSIAN },
      [{ kind: "unlink", remoteId: "g-1", reason: "“Sales” is already gone from the app." }],
    ],
    [
      "no longer pushed, never linked → nothing, even if the app has that name",
      { desired: null, link: null, appGroup: app("Sales", ["u1"]), capabilities: ATLASSIAN },
      [],
    ],
  ])("%s", (_, input, expected) => {
    expect(planGroup({ chunkSize: 2, ...input })).toEqual(expected);
  });

  it("chunks 2,000 members into 20 PATCHes of 100 that together hold each member once", () => {
    const members = Array.from({ length: 2_000 }, (_, index) => `u${index}`);
    const steps = planGroup({ desired: desired("Crowd", members), link: null, appGroup: null, capabilities: ATLASSIAN, chunkSize: 100 });
    const additions = steps.filter((step) => step.kind === "addMembers");
    expect(additions).toHaveLength(20);
    expect(additions.every((step) => step.memberIds.length === 100 && step.of === 20)).toBe(true);
    expect(additions.flatMap((step) => step.memberIds)).toEqual(members);
  });

  it("refuses a chunk size below 1 and a found group of another name", () => {
    expect(() => planGroup({ desired: desired("Sales", []), link: null, appGroup: null, capabilities: ATLASSIAN, chunkSize: 0 })).toThrow(/chunk size/);
    expect(() => planGroup({ desired: desired("Sales", []), link: null, appGroup: app("Marketing", []), capabilities: ATLASSIAN, chunkSize: 2 })).toThrow(
      /does not have the name looked up/,
    );
  });
});
