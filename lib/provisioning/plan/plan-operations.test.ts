import { describe, expect, it } from "vitest";
import { planOperations, type Desired, type KnownAccount, type SyncActions } from "./plan-operations";

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
});
