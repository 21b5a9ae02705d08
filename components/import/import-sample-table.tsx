import { Table, Td, Th } from "@/components/ui/table";
import type { UserInput } from "@/lib/directory/schemas/user";

/** The first rows that will be imported, as the directory will show them. */
export function ImportSampleTable({ rows }: { rows: { line: number; input: UserInput; groups?: string[]; newGroups?: string[] }[] }) {
  const withGroups = rows.some((row) => row.groups !== undefined);
  return (
    <Table>
      <thead>
        <tr>
          <Th className="w-20">Line</Th>
          <Th>Name</Th>
          <Th>Job title</Th>
          <Th>Department</Th>
          {withGroups ? <Th>Groups</Th> : null}
          <Th className="w-28">Status</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-100">
        {rows.map(({ line, input, groups, newGroups }) => (
          <tr key={line}>
            <Td className="text-zinc-500 tabular-nums">Line {line}</Td>
            <Td>
              <div className="font-medium text-zinc-900">{input.displayName || `${input.firstName} ${input.lastName}`}</div>
              <div className="text-xs text-zinc-500">{input.email}</div>
            </Td>
            <Td>{input.title ?? <span className="text-zinc-500">—</span>}</Td>
            <Td>{input.department ?? <span className="text-zinc-500">—</span>}</Td>
            {withGroups ? (
              <Td>
                {groups && groups.length > 0 ? (
                  groups.map((name, index) => (
                    <span key={name}>
                      {index > 0 ? ", " : null}
                      {name}
                      {newGroups?.includes(name) ? <span className="text-amber-700"> (doesn&apos;t exist yet)</span> : null}
                    </span>
                  ))
                ) : (
                  <span className="text-zinc-500">—</span>
                )}
              </Td>
            ) : null}
            <Td>{input.status === "ACTIVE" ? "Active" : "Deactivated"}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
