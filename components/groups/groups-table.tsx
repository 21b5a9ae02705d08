import Link from "next/link";
import { Table, Td, Th } from "@/components/ui/table";
import type { GroupListRow } from "@/lib/directory/groups/list-groups";

const count = (value: number) => value.toLocaleString("en-US");

/** The groups list: name and description, how many people are in each, and how many apps it gives them. */
export function GroupsTable({ rows }: { rows: GroupListRow[] }) {
  return (
    <Table>
      <thead>
        <tr>
          <Th>Name</Th>
          <Th className="text-right">Members</Th>
          <Th className="text-right">Apps</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-100">
        {rows.map((row) => (
          <tr key={row.id} className="hover:bg-zinc-50/60">
            <Td className="max-w-xl">
              <Link href={`/groups/${row.id}`} className="font-medium break-words text-zinc-900 hover:text-brand-700">
                {row.name}
              </Link>
              {row.description ? <div className="line-clamp-2 text-xs break-words text-zinc-500">{row.description}</div> : null}
            </Td>
            <Td className="text-right whitespace-nowrap tabular-nums">{count(row.memberCount)}</Td>
            <Td className="text-right whitespace-nowrap tabular-nums">{count(row.appCount)}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
