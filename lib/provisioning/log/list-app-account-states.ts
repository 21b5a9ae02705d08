import "server-only";
import { db } from "../../db";

/** A person's account in one app as the Users tab shows it: the account row, and the latest attempt's failure. */
export interface AppAccountState {
  account: { state: "ACTIVE" | "INACTIVE" | "DELETED"; remoteId: string | null; lastError: string | null } | null;
  /** The latest attempt for the person, when it failed: a create refused for good leaves no account to hold its error. */
  lastFailure: string | null;
}

/**
 * For a page of the app's people, their accounts and latest failed attempt, in one statement. Scoped to the
 * organization through the app.
 */
export async function listAppAccountStates(organizationId: string, appId: string, userIds: readonly string[]): Promise<Map<string, AppAccountState>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.$queryRaw<
    { userId: string; state: "ACTIVE" | "INACTIVE" | "DELETED" | null; remoteId: string | null; lastError: string | null; failure: string | null }[]
  >`
    SELECT ids.id::text AS "userId", acc.state::text AS state, acc.remote_id AS "remoteId", acc.last_error AS "lastError",
           CASE WHEN op.status = 'FAILED' THEN coalesce(op.message, 'The app refused the change.') END AS failure
    FROM unnest(${userIds}::uuid[]) AS ids(id)
    JOIN apps app ON app.id = ${appId}::uuid AND app.organization_id = ${organizationId}::uuid
    LEFT JOIN accounts acc ON acc.app_id = app.id AND acc.user_id = ids.id
    LEFT JOIN LATERAL (
      SELECT o.status::text AS status, o.message FROM operations o
      WHERE o.app_id = app.id AND o.user_id = ids.id
      ORDER BY o.created_at DESC, o.id DESC LIMIT 1
    ) op ON true`;
  return new Map(
    rows.map((row) => [
      row.userId,
      { account: row.state ? { state: row.state, remoteId: row.remoteId, lastError: row.lastError } : null, lastFailure: row.failure },
    ]),
  );
}
