import "server-only";
import type { Tx } from "../../db";
import type { MappedValues } from "../mapping/build-scim-user";

export interface AdoptedAccount {
  userId: string;
  userLabel: string;
  remoteId: string;
  remoteUserName: string | null;
  /** The externalId the app holds for the account: Roster's id when it matched by it, else not known (null), so the next update sends it. */
  remoteExternalId: string | null;
  /** The app's values: recorded as what Roster last sent, so none of them is pushed back. */
  pushedValues: MappedValues;
  state: "ACTIVE" | "INACTIVE";
}

/**
 * Records the app's users as the people's accounts, as the app holds them, in
 * one statement for a batch (at most one row per person). An existing account
 * is relinked to the remote user and takes its values.
 */
export async function adoptAccounts(tx: Tx, appId: string, accounts: readonly AdoptedAccount[]): Promise<void> {
  if (accounts.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO accounts (id, app_id, user_id, user_label, remote_id, remote_user_name, remote_external_id, pushed_values, state, last_synced_at, updated_at)
    SELECT gen_random_uuid(), ${appId}::uuid, a."userId", a."userLabel", a."remoteId", a."remoteUserName", a."remoteExternalId", a."pushedValues", a.state::"AccountState", now(), now()
    FROM jsonb_to_recordset(${JSON.stringify(accounts)}::jsonb) AS a("userId" uuid, "userLabel" text, "remoteId" text, "remoteUserName" text, "remoteExternalId" text, "pushedValues" jsonb, state text)
    ON CONFLICT (app_id, user_id) DO UPDATE SET
      remote_id = excluded.remote_id,
      remote_user_name = excluded.remote_user_name,
      remote_external_id = excluded.remote_external_id,
      pushed_values = excluded.pushed_values,
      state = excluded.state,
      user_label = excluded.user_label,
      updated_at = now()`;
}

/** The app lacks these people: their accounts, if any, are gone there. */
export async function forgetAccounts(tx: Tx, appId: string, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) return;
  await tx.$executeRaw`
    UPDATE accounts SET state = 'DELETED', remote_id = NULL, updated_at = now()
    WHERE app_id = ${appId}::uuid AND user_id = ANY(${[...userIds]}::uuid[])`;
}
