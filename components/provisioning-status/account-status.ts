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
