import { AlertTriangle } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { DataColumn } from "@/components/ui/data-table/columns";
import { PersonAppChips } from "./person-app-chips";
import { UserStatusBadge } from "./user-status-badge";
import type { UserRow } from "./users-table";

/** The users list's columns; Apps goes after Department for admins who may view apps. */
export const USER_COLUMNS: DataColumn<UserRow>[] = [
  { id: "name", header: "Name", sortKey: "name", card: "title", cell: (row) => <NameCell row={row} /> },
  {
    id: "department",
    header: "Department",
    cell: (row) => (
      <div className="min-w-0">
        <div>{row.department ?? <span className="text-zinc-500">—</span>}</div>
        <div className="text-xs text-zinc-500">{row.title}</div>
      </div>
    ),
  },
  { id: "status", header: "Status", sortKey: "status", cell: (row) => <UserStatusBadge status={row.status} /> },
  {
    id: "added",
    header: "Added",
    sortKey: "created",
    card: "hidden",
    className: "hidden whitespace-nowrap text-zinc-500 lg:table-cell",
    cell: (row) => row.added,
  },
];

export const USER_APPS_COLUMN: DataColumn<UserRow> = { id: "apps", header: "Apps", cell: (row) => <PersonAppChips apps={row.apps ?? []} /> };

function NameCell({ row }: { row: UserRow }) {
  return (
    <div className="min-w-0">
      <Link href={`/users/${row.id}`} className="font-medium break-words text-zinc-900 hover:text-brand-700">
        {row.name}
      </Link>
      {row.roleLabel ? (
        <span className="ml-2">
          <Badge tone="brand">{row.roleLabel}</Badge>
        </span>
      ) : null}
      <div className="flex flex-wrap items-center gap-x-1.5 text-xs break-all text-zinc-500">
        {row.email}
        {row.unverifiedDomain ? (
          <span
            title="This e-mail's domain is not verified, so apps such as Atlassian will not manage the account."
            className="inline-flex items-center gap-0.5 text-amber-700"
          >
            <AlertTriangle aria-hidden className="size-3" /> Unverified domain
          </span>
        ) : null}
      </div>
    </div>
  );
}
