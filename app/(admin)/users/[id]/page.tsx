import { History } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AuditLogTable } from "@/components/audit/audit-log-table";
import { PasswordLinkDialog } from "@/components/admins/password-link-dialog";
import { UserStatusActions } from "@/components/users/user-status-actions";
import { UserStatusBadge } from "@/components/users/user-status-badge";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ROLE_LABELS, can } from "@/lib/auth/permissions";
import { getPasswordLinkState } from "@/lib/auth/password-links";
import { requirePagePermission } from "@/lib/auth/require";
import { countApps } from "@/lib/directory/apps/count-apps";
import { emailDomain, listVerifiedDomainNames } from "@/lib/directory/domains/list-verified-domains";
import { USER_FIELD_LABELS } from "@/lib/directory/schemas/user";
import { getUserDetail } from "@/lib/directory/users/get-user";
import { createSignInLinkAction, deleteUsersAction, setUsersStatusAction } from "../actions";
import { PersonGroupsSection } from "./person-groups-section";
import { PersonSignInSection } from "./person-sign-in-section";
import { UserAppsSection } from "./provisioning/user-apps-section";

export const metadata: Metadata = { title: "Person" };

const PROFILE_FIELDS = ["email", "displayName", "employeeId", "title", "department", "mobile", "locale", "timezone"] as const;

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const session = await requirePagePermission("admin access");
  const { id } = await params;
  const detail = /^[0-9a-f-]{36}$/i.test(id) ? await getUserDetail(session.organization.id, id) : null;
  if (!detail) notFound();
  const { user, history } = detail;
  const [verifiedDomains, appCount] = await Promise.all([listVerifiedDomainNames(session.organization.id), countApps(session.organization.id)]);
  const name = user.displayName || `${user.firstName} ${user.lastName}`;
  const canManage = can(session, "manage users");
  // An Owner makes admins' links on the Admins page; an Admin who may manage users makes everyone else's here.
  const linkState = canManage && user.status === "ACTIVE" ? await getPasswordLinkState(session.organization.id, user.id) : null;

  return (
    <>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div>
          <Link href="/users" className="text-sm text-zinc-500 hover:text-zinc-800">
            ← Users
          </Link>
          <h1 className="mt-1 flex items-center gap-3 text-2xl font-semibold tracking-tight text-zinc-900">
            {name}
            <UserStatusBadge status={user.status} />
            {user.role && user.role !== "MEMBER" ? <Badge tone="brand">{ROLE_LABELS[user.role]}</Badge> : null}
          </h1>
          <p className="mt-1 text-sm text-zinc-500">{[user.title, user.department].filter(Boolean).join(" · ") || "No job title or department yet"}</p>
        </div>
        {canManage ? (
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" asChild>
              <Link href={`/users/${user.id}/edit`}>Edit</Link>
            </Button>
            {linkState ? (
              <PasswordLinkDialog
                trigger={<Button variant="secondary">{linkState.hasPassword ? "Reset link" : "Sign-in link"}</Button>}
                person={{ id: user.id, name, ...linkState }}
                create={createSignInLinkAction}
              />
            ) : null}
            <UserStatusActions
              user={{ id: user.id, name, status: user.status }}
              appCount={appCount}
              setStatus={setUsersStatusAction}
              remove={deleteUsersAction}
            />
          </div>
        ) : null}
      </div>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <Card className="min-w-0 lg:col-span-2">
          <CardHeader title="Profile" />
          <dl className="grid grid-cols-1 gap-x-6 gap-y-4 px-6 py-5 sm:grid-cols-2">
            {PROFILE_FIELDS.map((field) => (
              <div key={field}>
                <dt className="text-xs font-medium tracking-wide text-zinc-500 uppercase">{USER_FIELD_LABELS[field]}</dt>
                <dd className="mt-1 text-sm break-words text-zinc-900">
                  {user[field] || <span className="text-zinc-500">Not set</span>}
                  {field === "email" && !verifiedDomains.has(emailDomain(user.email)) ? (
                    <span className="mt-1 block text-xs text-amber-700">
                      {emailDomain(user.email)} is not a verified domain, so Atlassian will not manage this account.
                    </span>
                  ) : null}
                </dd>
              </div>
            ))}
          </dl>
        </Card>
        <div className="min-w-0 space-y-6">
          <UserAppsSection userId={user.id} personLabel={`${name} <${user.email}>`} />
          <PersonGroupsSection person={{ id: user.id, name }} />
          <PersonSignInSection person={{ id: user.id, name, role: user.role }} />
        </div>
      </div>

      <Card className="mt-6">
        <CardHeader title="History" description="Every change to this person, newest first." />
        {history.length === 0 ? <EmptyState icon={History} title="No changes recorded yet" /> : <AuditLogTable events={history} />}
      </Card>
    </>
  );
}
