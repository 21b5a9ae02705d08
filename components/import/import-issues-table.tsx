import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import type { ImportRowIssue } from "@/lib/directory/csv/schemas";
import { USER_FIELD_LABELS } from "@/lib/directory/schemas/user";

const KIND_BADGES = {
  error: <Badge tone="danger">Not imported</Badge>,
  skip: <Badge tone="warning">Skipped</Badge>,
  warning: <Badge>Ignored</Badge>,
  groups: <Badge tone="warning">New groups</Badge>,
} as const;

const FIELD_LABELS: Record<string, string> = { ...USER_FIELD_LABELS, groups: "Groups" };

interface ImportIssuesTableProps {
  issues: ImportRowIssue[];
  /** All issues, of which `issues` are the first ones in line order. */
  total: number;
}

/** The rows that will not (or did not) become people, line by line, with the reason in plain words. */
export function ImportIssuesTable({ issues, total }: ImportIssuesTableProps) {
  return (
    <>
      <Table>
        <thead>
          <tr>
            <Th className="w-20">Line</Th>
            <Th className="w-36">Field</Th>
            <Th>Problem</Th>
            <Th className="w-32">Outcome</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {issues.map((issue, index) => (
            <tr key={`${issue.line}-${issue.field}-${index}`}>
              <Td className="font-medium text-zinc-900 tabular-nums">Line {issue.line}</Td>
              <Td>{issue.field ? (FIELD_LABELS[issue.field] ?? issue.field) : <span className="text-zinc-500">Whole row</span>}</Td>
              <Td>
                <p className="text-zinc-800">{issue.message}</p>
                {issue.value ? <p className="mt-0.5 font-mono text-xs break-all text-zinc-500">{issue.value}</p> : null}
              </Td>
              <Td>{KIND_BADGES[issue.kind]}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
      {total > issues.length ? (
        <p className="border-t border-zinc-100 px-6 py-3 text-sm text-zinc-500">
          Showing the first {issues.length.toLocaleString("en-US")} of {total.toLocaleString("en-US")} rows with problems. Fix them in the file and upload it
          again to see the rest.
        </p>
      ) : null}
    </>
  );
}
