import { describe, expect, it } from "vitest";
import { PRIMARY_EMAIL } from "../mapping/target-attributes";
import { diffValues, planOperations, type Desired, type KnownAccount, type SyncActions } from "./plan-operations";

const ALL_ON: SyncActions = { syncCreate: true, syncUpdate: true, syncDelete: true, syncActivation: true };
const values = { userName: "dana@x.example", title: "AE" };
const present = (over: Partial<Extract<Desired, { exists: true }>> = {}): Desired => ({ exists: true, assigned: true, active: true, values, ...over });
const account = (over: Partial<KnownAccount> = {}): KnownAccount => ({ remoteId: "r-1", state: "ACTIVE", pushedValues: values, ...over });
const off = (key: keyof SyncActions): SyncActions => ({ ...ALL_ON, [key]: false });

describe("planOperations", () => {
  it.each<[string, Desired, KnownAccount | null, SyncActions, unknown[]]>([
    // Creating
    ["assigned, no account → create", present(), null, ALL_ON, [{ kind: "CREATE", values, active: true }]],
    [
      "assigned, create off → skipped with reason",
      present(),
      null,
      off("syncCreate"),
      [{ kind: "SKIP", wanted: "CREATE", reason: "The person is assigned, but “Create users” is off for this app." }],
    ],
    ["assigned but deactivated, no account → nothing", present({ active: false }), null, ALL_ON, []],
    // Roster's id on linked and imported accounts
    [
      "linked account without Roster's id → an update that sets it",
      present({ externalId: "u-1" }),
      account({ externalId: null }),
      ALL_ON,
      [{ kind: "UPDATE", changes: { externalId: { from: null, to: "u-1" } }, values }],
    ],
    [
      "linked account with another externalId, update off → skipped, saying why",
      present({ externalId: "u-1" }),
      account({ externalId: "theirs" }),
      off("syncUpdate"),
      [{ kind: "SKIP", wanted: "UPDATE", reason: "The account does not carry Roster's id yet, but “Update user profile” is off for this app." }],
    ],
    ["account with Roster's id → nothing", present({ externalId: "u-1" }), account({ externalId: "u-1" }), ALL_ON, []],
    ["externalId not known → not checked", present({ externalId: "u-1" }), account(), ALL_ON, []],
    [
      "unassigned linked account without Roster's id → only the deactivation",
      present({ assigned: false, externalId: "u-1" }),
      account({ externalId: null }),
      ALL_ON,
      [{ kind: "DEACTIVATE" }],
    ],
    ["not assigned, no account → nothing", present({ assigned: false }), null, ALL_ON, []],
    ["account deleted earlier, assigned again → create anew", present(), account({ state: "DELETED" }), ALL_ON, [{ kind: "CREATE", values, active: true }]],
    [
      "account row without remote id (create never finished) → create",
      present(),
      account({ remoteId: null }),
      ALL_ON,
      [{ kind: "CREATE", values, active: true }],
    ],
    // Up to date
    ["in sync → nothing", present(), account(), ALL_ON, []],
    // Updating
    [
      "one mapped field changed → update only that field",
      present({ values: { ...values, title: "Senior AE" } }),
      account(),
      ALL_ON,
      [{ kind: "UPDATE", changes: { title: { from: "AE", to: "Senior AE" } }, values: { ...values, title: "Senior AE" } }],
    ],
    [
      "a field emptied → update it to null",
      present({ values: { userName: "dana@x.example" } }),
      account(),
      ALL_ON,
      [{ kind: "UPDATE", changes: { title: { from: "AE", to: null } }, values: { userName: "dana@x.example" } }],
    ],
    [
      "field changed, update off → skipped",
      present({ values: { ...values, title: "X" } }),
      account(),
      off("syncUpdate"),
      [{ kind: "SKIP", wanted: "UPDATE", reason: "Mapped fields changed, but “Update user profile” is off for this app." }],
    ],
    // Deactivating
    ["unassigned → deactivate", present({ assigned: false }), account(), ALL_ON, [{ kind: "DEACTIVATE" }]],
    ["deactivated in directory → deactivate", present({ active: false }), account(), ALL_ON, [{ kind: "DEACTIVATE" }]],
    [
      "unassigned, activation off → skipped",
      present({ assigned: false }),
      account(),
      off("syncActivation"),
      [{ kind: "SKIP", wanted: "DEACTIVATE", reason: "The person was unassigned from the app, but “Activate and deactivate users” is off for this app." }],
    ],
    [
      "unassigned and fields changed → only deactivate",
      present({ assigned: false, values: { ...values, title: "New" } }),
      account(),
      ALL_ON,
      [{ kind: "DEACTIVATE" }],
    ],
    ["already inactive and unassigned → nothing", present({ assigned: false }), account({ state: "INACTIVE" }), ALL_ON, []],
    // Reactivating
    ["assigned again → activate", present(), account({ state: "INACTIVE" }), ALL_ON, [{ kind: "ACTIVATE" }]],
    [
      "activated and a field changed → update then activate",
      present({ values: { ...values, title: "Back" } }),
      account({ state: "INACTIVE" }),
      ALL_ON,
      [{ kind: "UPDATE", changes: { title: { from: "AE", to: "Back" } }, values: { ...values, title: "Back" } }, { kind: "ACTIVATE" }],
    ],
    [
      "assigned again, activation off → skipped",
      present(),
      account({ state: "INACTIVE" }),
      off("syncActivation"),
      [{ kind: "SKIP", wanted: "ACTIVATE", reason: "The person is assigned and active again, but “Activate and deactivate users” is off for this app." }],
    ],
    // Deleting
    ["deleted from directory → delete", { exists: false }, account(), ALL_ON, [{ kind: "DELETE" }]],
    ["deleted, delete off → deactivate instead", { exists: false }, account(), off("syncDelete"), [{ kind: "DEACTIVATE" }]],
    [
      "deleted, delete and activation off → skipped",
      { exists: false },
      account(),
      { ...ALL_ON, syncDelete: false, syncActivation: false },
      [{ kind: "SKIP", wanted: "DELETE", reason: "The person was deleted from the directory, but “Delete users” is off for this app." }],
    ],
    [
      "deleted, account inactive, delete off → skipped",
      { exists: false },
      account({ state: "INACTIVE" }),
      off("syncDelete"),
      [{ kind: "SKIP", wanted: "DELETE", reason: "The person was deleted from the directory, but “Delete users” is off for this app." }],
    ],
    ["deleted, never provisioned → nothing", { exists: false }, null, ALL_ON, []],
    ["deleted, remote already deleted → nothing", { exists: false }, account({ state: "DELETED" }), ALL_ON, []],
  ])("%s", (_label, desired, known, actions, expected) => {
    expect(planOperations(desired, known, actions)).toEqual(expected);
  });

  // Values taken from the app are not pushed back just because of their letter case.
  const imported = { userName: "Dana.Lee@X.example", [PRIMARY_EMAIL]: "Dana.Lee@X.example", title: "AE" };
  it.each<[string, Desired, KnownAccount, unknown[]]>([
    [
      "userName and e-mail differ only in case → nothing",
      present({ values: { userName: "dana.lee@x.example", [PRIMARY_EMAIL]: "dana.lee@x.example", title: "AE" } }),
      account({ pushedValues: imported }),
      [],
    ],
    [
      "e-mail differs in case and title really changed → update only the title",
      present({ values: { userName: "dana.lee@x.example", [PRIMARY_EMAIL]: "dana.lee@x.example", title: "Lead" } }),
      account({ pushedValues: imported }),
      [
        {
          kind: "UPDATE",
          changes: { title: { from: "AE", to: "Lead" } },
          values: { userName: "dana.lee@x.example", [PRIMARY_EMAIL]: "dana.lee@x.example", title: "Lead" },
        },
      ],
    ],
    [
      "another e-mail, not just another case → update it",
      present({ values: { ...imported, [PRIMARY_EMAIL]: "dana@x.example" } }),
      account({ pushedValues: imported }),
      [
        {
          kind: "UPDATE",
          changes: { [PRIMARY_EMAIL]: { from: "Dana.Lee@X.example", to: "dana@x.example" } },
          values: { ...imported, [PRIMARY_EMAIL]: "dana@x.example" },
        },
      ],
    ],
  ])("case: %s", (_label, desired, known, expected) => {
    expect(planOperations(desired, known, ALL_ON)).toEqual(expected);
  });
});

describe("diffValues", () => {
  it.each<[string, Record<string, string>, Record<string, string>, Record<string, unknown>]>([
    ["userName differing in case", { userName: "Ann@X.example" }, { userName: "ann@x.example" }, {}],
    ["primary e-mail differing in case", { [PRIMARY_EMAIL]: "ANN@x.example" }, { [PRIMARY_EMAIL]: "ann@x.example" }, {}],
    ["display name differing in case is a change", { displayName: "ann lee" }, { displayName: "Ann Lee" }, { displayName: { from: "ann lee", to: "Ann Lee" } }],
    ["title differing in case is a change", { title: "ae" }, { title: "AE" }, { title: { from: "ae", to: "AE" } }],
    ["userName added", {}, { userName: "ann@x.example" }, { userName: { from: null, to: "ann@x.example" } }],
    ["e-mail removed", { [PRIMARY_EMAIL]: "ann@x.example" }, {}, { [PRIMARY_EMAIL]: { from: "ann@x.example", to: null } }],
    ["userName really changed", { userName: "ann@x.example" }, { userName: "anne@x.example" }, { userName: { from: "ann@x.example", to: "anne@x.example" } }],
  ])("%s", (_label, before, after, expected) => {
    expect(diffValues(before, after)).toEqual(expected);
  });
});
