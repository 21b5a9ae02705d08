import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { UserStatusBadge } from "@/components/users/user-status-badge";
import type { AdminRow } from "@/lib/directory/admins/list-admins";
import { PERMISSION_CODES, PERMISSION_LABELS } from "@/lib/directory/schemas/admin";
import { AdminRowActions, type AdminRowActionsProps } from "./admin-row-actions";

const TIME = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

interface Props {
  admins: (AdminRow & { you: boolean })[];
  actions: AdminRowActionsProps["actions"];
}

/** Everyone with admin access: role, permissions, status, sign-in, and what the Owner can do about each. */
export function AdminsList({ admins, actions }: Props) {
  const owners = admins.filter((admin) => admin.role === "OWNER" && admin.status === "ACTIVE").length;
  return (
    <ul aria-label="Admins" className="divide-y divide-zinc-100">
      {admins.map((admin) => (
        <li key={admin.id} className="flex flex-col gap-3 px-4 py-4 sm:px-6 lg:flex-row lg:items-start lg:justify-between">
          <div className="min-w-0 space-y-1.5">
            <div className="flex flex-wrap items-center gap-2">
              <Link href={`/users/${admin.id}`} className="font-medium break-words text-zinc-900 hover:text-brand-700">
                {admin.name}
              </Link>
              {admin.you ? <span className="text-sm text-zinc-500">(you)</span> : null}
              <Badge tone={admin.role === "OWNER" ? "brand" : "neutral"}>{admin.role === "OWNER" ? "Owner" : "Admin"}</Badge>
              {admin.status !== "ACTIVE" ? <UserStatusBadge status={admin.status} /> : null}
            </div>
            <p className="text-sm break-all text-zinc-600">{admin.email}</p>
            <ul aria-label={`Permissions of ${admin.name}`} className="flex flex-wrap gap-1.5">
              {admin.role === "OWNER" ? (
                <li>
                  <Badge tone="brand">Everything</Badge>
                </li>
              ) : admin.permissions.length === 0 ? (
                <li className="text-sm text-zinc-500">No permissions: can see people and groups only</li>
              ) : (
                PERMISSION_CODES.filter((code) => admin.permissions.includes(code)).map((code) => (
                  <li key={code}>
                    <Badge>{PERMISSION_LABELS[code]}</Badge>
                  </li>
                ))
              )}
            </ul>
            <p className="text-xs text-zinc-500">
              {admin.lastSignInAt ? `Last signed in ${TIME.format(admin.lastSignInAt)} UTC` : "Never signed in"}
              {" · "}
              {admin.pendingLink
                ? `${admin.pendingLink.purpose === "INVITE" ? "Invite" : "Reset"} link open until ${TIME.format(admin.pendingLink.expiresAt)} UTC`
                : admin.hasPassword
                  ? "Has a password"
                  : "No password yet: create an invite link"}
            </p>
          </div>
          <AdminRowActions
            admin={{
              id: admin.id,
              name: admin.name,
              role: admin.role,
              permissions: admin.permissions,
              hasPassword: admin.hasPassword,
              hasPendingLink: Boolean(admin.pendingLink),
              you: admin.you,
            }}
            lastOwner={admin.role === "OWNER" && admin.status === "ACTIVE" && owners <= 1}
            actions={actions}
          />
        </li>
      ))}
    </ul>
  );
}
