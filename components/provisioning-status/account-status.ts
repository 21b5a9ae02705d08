/** A person's standing in one app, in one word and a tone, from the app's state and the account. Pure. */
export interface AccountStatusInput {
  appState: "DRAFT" | "ACTIVE" | "PAUSED" | "QUARANTINED";
  assigned: boolean;
  account: { state: "ACTIVE" | "INACTIVE" | "DELETED"; remoteId: string | null; lastError: string | null } | null;
}

export type AccountStatus = { label: string; tone: "success" | "warning" | "danger" | "neutral" | "brand" };

export function accountStatus({ appState, assigned, account }: AccountStatusInput): AccountStatus {
  if (account?.lastError) return { label: "Failing", tone: "danger" };
  if (appState === "DRAFT") return { label: "App not set up", tone: "neutral" };
  if (account?.remoteId && account.state === "ACTIVE") return { label: "Provisioned", tone: "success" };
  if (account?.remoteId && account.state === "INACTIVE") return { label: "Deactivated", tone: "warning" };
  if (account?.state === "DELETED") return assigned ? { label: "Waiting to be created", tone: "brand" } : { label: "Deleted in the app", tone: "neutral" };
  return assigned ? { label: "Waiting to be created", tone: "brand" } : { label: "Not assigned", tone: "neutral" };
}

/** The Users tab's words for a person's account in the app, with the reason when it failed. */
export type AccountStateInApp = AccountStatus & { reason: string | null };

const IN_APP_LABELS: Record<string, string> = { "Waiting to be created": "Pending", Deactivated: "Deactivated in app" };

/**
 * `accountStatus` in the words of an app's Users tab: Provisioned, Pending (not sent yet), Failed with the reason
 * (the account's last error, or the latest attempt's when no account was made), Deactivated in app.
 */
export function accountStateInApp(input: AccountStatusInput & { lastFailure?: string | null }): AccountStateInApp {
  const reason = input.account?.lastError ?? (input.account?.remoteId ? null : (input.lastFailure ?? null));
  if (reason) return { label: "Failed", tone: "danger", reason };
  const status = accountStatus(input);
  return { ...status, label: IN_APP_LABELS[status.label] ?? status.label, reason: null };
}
