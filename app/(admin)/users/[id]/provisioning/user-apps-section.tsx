import { UserAppsPanel } from "@/components/provisioning-status/user-apps-panel";
import { Card, CardHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/require";
import { conflictLinkStatesForPerson } from "@/lib/provisioning/accounts/conflict-link-states";
import { listUserAccounts } from "@/lib/provisioning/log/list-user-accounts";
import { linkAccountAction, provisionUserNowAction, searchAppAccountsAction } from "./actions";

/**
 * The person page's "Applications" card: their account in each app, with Provision now, and Link where a create
 * hit a conflict Roster could not resolve. Accounts in apps are
 * app data, so without "view apps" nothing of them is loaded or shown (the person page itself is for any admin).
 */
export async function UserAppsSection({ userId, personLabel }: { userId: string; personLabel: string }) {
  const session = await requirePagePermission("admin access");
  if (!can(session, "view apps")) return null;
  const rows = await listUserAccounts(session.organization.id, userId);
  const conflicts = await conflictLinkStatesForPerson(
    session.organization.id,
    userId,
    rows.map((row) => row.app.id),
  );
  return (
    <Card>
      <CardHeader title="Applications" description="Where this person has an account through Roster." />
      <UserAppsPanel
        userId={userId}
        personLabel={personLabel}
        rows={rows.map((row) => ({ ...row, conflict: conflicts[row.app.id] ?? null }))}
        canProvision={can(session, "assign apps")}
        provision={provisionUserNowAction}
        search={searchAppAccountsAction}
        link={linkAccountAction}
      />
    </Card>
  );
}
