import type { Metadata } from "next";
import { AddAdminButton } from "@/components/admins/add-admin-button";
import { AdminsList } from "@/components/admins/admins-list";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/require";
import { ADMINS_LIMIT, listAdmins } from "@/lib/directory/admins/list-admins";
import { createPasswordLinkAction, revokeAdminAccessAction, searchAdminCandidatesAction, setAdminAccessAction } from "./actions";

export const metadata: Metadata = { title: "Admins" };

export default async function AdminsPage() {
  const session = await requirePagePermission("manage organization");
  const admins = await listAdmins(session.organization.id);
  const actions = { setAccess: setAdminAccessAction, revoke: revokeAdminAccessAction, createLink: createPasswordLinkAction };
  return (
    <>
      <PageHeader
        title="Admins"
        description="Who can use this admin panel. Owners can do everything, including this page; Admins can do what their permissions allow."
        actions={<AddAdminButton search={searchAdminCandidatesAction} setAccess={setAdminAccessAction} />}
      />
      {admins.length >= ADMINS_LIMIT ? (
        <Alert>
          Only the first {ADMINS_LIMIT.toLocaleString("en-US")} admins are listed here (Owners first, then by name). Revoking access nobody needs any more
          brings the others into the list.
        </Alert>
      ) : null}
      <Card>
        <AdminsList admins={admins.map((admin) => ({ ...admin, you: admin.id === session.userId }))} actions={actions} />
      </Card>
    </>
  );
}
