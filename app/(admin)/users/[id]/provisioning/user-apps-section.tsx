import { UserAppsPanel } from "@/components/provisioning-status/user-apps-panel";
import { Card, CardHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/require";
import { listUserAccounts } from "@/lib/provisioning/log/list-user-accounts";
import { provisionUserNowAction } from "./actions";

/**
 * The person page's "Applications" card: their account in each app, with Provision now. Accounts in apps are
 * app data, so without "view apps" nothing of them is loaded or shown (the person page itself is for any admin).
 */
export async function UserAppsSection({ userId }: { userId: string }) {
  const session = await requirePagePermission("admin access");
  if (!can(session, "view apps")) return null;
  const rows = await listUserAccounts(session.organization.id, userId);
  return (
    <Card>
      <CardHeader title="Applications" description="Where this person has an account through Roster." />
      <UserAppsPanel userId={userId} rows={rows} canProvision={can(session, "assign apps")} provision={provisionUserNowAction} />
    </Card>
  );
}
