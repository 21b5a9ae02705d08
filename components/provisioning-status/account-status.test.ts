import { describe, expect, it } from "vitest";
import { accountStateInApp, type AccountStatusInput } from "./account-status";

const account = (over: Partial<NonNullable<AccountStatusInput["account"]>> = {}) => ({ state: "ACTIVE" as const, remoteId: "r1", lastError: null, ...over });

describe("accountStateInApp", () => {
  it.each([
    ["provisioned", { account: account() }, "Provisioned", null],
    ["not sent yet", { account: null }, "Pending", null],
    ["deleted in the app, assigned again", { account: account({ state: "DELETED", remoteId: null }) }, "Pending", null],
    ["deactivated", { account: account({ state: "INACTIVE" }) }, "Deactivated in app", null],
    ["the account's last error", { account: account({ lastError: "The app refused the token." }) }, "Failed", "The app refused the token."],
    [
      "a create refused for good, with no account",
      { account: null, lastFailure: "The app already has someone with this user name." },
      "Failed",
      "The app already has someone with this user name.",
    ],
  ] as const)("%s", (_name, over, label, reason) => {
    const state = accountStateInApp({ appState: "ACTIVE", assigned: true, ...over });
    expect(state.label).toBe(label);
    expect(state.reason).toBe(reason);
  });

  it("an old failure does not outlive an account that now exists", () => {
    expect(accountStateInApp({ appState: "ACTIVE", assigned: true, account: account(), lastFailure: "Timed out." }).label).toBe("Provisioned");
  });

  it("says when the app is not set up", () => {
    expect(accountStateInApp({ appState: "DRAFT", assigned: true, account: null }).label).toBe("App not set up");
  });
});
