import { AssignAppMenu } from "@/components/provisioning-status/person-app-assignment";
import { UserAppsPanel } from "@/components/provisioning-status/user-apps-panel";
import { Card, CardHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/require";
import { listAppNames } from "@/lib/directory/apps/count-apps";
import { conflictLinkStatesForPerson } from "@/lib/provisioning/accounts/conflict-link-states";
import { listUserAccounts } from "@/lib/provisioning/log/list-user-accounts";
import { assignUsersAction, unassignUsersAction } from "../../../applications/[appId]/users/actions";
import { linkAccountAction, provisionUserNowAction, searchAppAccountsAction } from "./actions";

/**
 * The person page's "Applications" card: their account in each app, with Provision now, and Link where a create
 * hit a conflict Roster could not resolve. Accounts in apps are
 * app data, so without "view apps" nothing of them is loaded or shown (the person page itself is for any admin).
 */
export async function UserAppsSection({ userId, personLabel }: { userId: string; personLabel: string }) {
  const session = await requirePagePermission("admin access");
  if (!can(session, "view apps")) return null;
  const canAssign = can(session, "assign apps");
  const [rows, apps] = await Promise.all([listUserAccounts(session.organization.id, userId), canAssign ? listAppNames(session.organization.id) : []]);
  const byApp = new Map(rows.map((row) => [row.app.id, row]));
  // "Assign app" lists the apps the person is not assigned to directly (those had through a group say so).
  const assignable = apps
    .filter((app) => !byApp.get(app.id)?.direct)
    .map((app) => ({ id: app.id, name: app.name, viaGroup: byApp.get(app.id)?.viaGroup ?? false }));
  const conflicts = await conflictLinkStatesForPerson(
    session.organization.id,
    userId,
    rows.map((row) => row.app.id),
  );
  return (
    <Card>
      <CardHeader
        title="Applications"
        description="Where this person has an account through Roster."
        action={canAssign ? <AssignAppMenu userId={userId} apps={assignable} assign={assignUsersAction} /> : null}
      />
      <UserAppsPanel
        userId={userId}
        personLabel={personLabel}
        rows={rows.map((row) => ({ ...row, conflict: conflicts[row.app.id] ?? null }))}
        canProvision={can(session, "assign apps")}
        provision={provisionUserNowAction}
        search={searchAppAccountsAction}
        link={linkAccountAction}
        unassign={canAssign ? unassignUsersAction : undefined}
      />
    </Card>
  );
}
