import { ClipboardCheck } from "lucide-react";
import { ChangeList } from "@/components/provisioning-log/change-list";
import { PersonLabel } from "@/components/provisioning-log/person-label";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th } from "@/components/ui/table";
import type { DryRunKind, DryRunReport as Report } from "@/lib/provisioning/sync/dry-run";
import { Skeleton } from "@/components/ui/skeleton";

const KINDS: { kind: DryRunKind; label: string; tone: "success" | "brand" | "warning" | "danger" | "neutral" }[] = [
  { kind: "CREATE", label: "Create", tone: "success" },
  { kind: "UPDATE", label: "Update", tone: "brand" },
  { kind: "ACTIVATE", label: "Activate", tone: "success" },
  { kind: "DEACTIVATE", label: "Deactivate", tone: "warning" },
  { kind: "DELETE", label: "Delete", tone: "danger" },
  { kind: "SKIPPED", label: "Skipped", tone: "neutral" },
];
const LABEL = Object.fromEntries(KINDS.map(({ kind, label, tone }) => [kind, { label, tone }])) as Record<
  DryRunKind,
  { label: string; tone: (typeof KINDS)[number]["tone"] }
>;

/** What Sync now would do, per operation kind and person by person. Nothing in it was sent. */
export function DryRunReport({ report }: { report: Report }) {
  return (
    <div className="space-y-4">
      <dl aria-label="Planned operations" className="grid grid-cols-3 gap-3 px-6 pt-5 sm:grid-cols-6">
        {KINDS.map(({ kind, label }) => (
          <div key={kind} className="rounded-lg bg-zinc-50 px-3 py-2.5 ring-1 ring-zinc-100 ring-inset">
            <dt className="text-xs font-medium text-zinc-500">{label}</dt>
            <dd className="mt-0.5 text-xl font-semibold text-zinc-900 tabular-nums">{(report.counts[kind] ?? 0).toLocaleString("en-US")}</dd>
          </div>
        ))}
      </dl>
      {report.groupChanges.length > 0 ? <GroupChanges changes={report.groupChanges} /> : null}
      {report.changes.length === 0 && report.groupChanges.length > 0 ? (
        <p className="px-6 pb-5 text-sm text-zinc-500">
          {report.people === 0
            ? "No one is assigned to this app yet, so no person would change."
            : `No person would change: the app already matches the directory for all ${people(report.people)}.`}
        </p>
      ) : report.changes.length === 0 ? (
        <EmptyState icon={ClipboardCheck} title="Nothing to change">
          {report.people === 0
            ? "No one is assigned to this app yet. Assign people in the Users tab, then run the dry run again."
            : `The app already matches the directory for all ${people(report.people)}. Sync now would send nothing.`}
        </EmptyState>
      ) : (
        <>
          <p className="px-6 text-sm text-zinc-500">
            {report.changedPeople > report.changes.length
              ? `The first ${report.changes.length.toLocaleString("en-US")} of ${report.changedPeople.toLocaleString("en-US")} people with changes`
              : `${report.changedPeople.toLocaleString("en-US")} of ${report.people.toLocaleString("en-US")} ${report.people === 1 ? "person" : "people"} would change`}
            . Nothing was sent.
          </p>
          <Table aria-label="Planned changes">
            <thead>
              <tr>
                <Th>Person</Th>
                <Th>Operation</Th>
                <Th className="w-1/2">Attribute changes</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {report.changes.flatMap((change) =>
                change.operations.map((operation, index) => (
                  <tr key={`${change.userId}:${index}`}>
                    <Td>{index === 0 ? <PersonLabel label={change.label} userId={change.userId} /> : null}</Td>
                    <Td className="whitespace-nowrap">
                      <Badge tone={LABEL[operation.kind].tone}>{LABEL[operation.kind].label}</Badge>
                      {operation.wanted ? <span className="ml-2 text-xs text-zinc-500">would {operation.wanted.toLowerCase()}</span> : null}
                    </Td>
                    <Td>
                      {operation.reason ? <p className="text-zinc-700">{operation.reason}</p> : null}
                      <ChangeList changes={operation.changes} />
                      {!operation.reason && !operation.changes?.length ? <span className="text-zinc-500">—</span> : null}
                    </Td>
                  </tr>
                )),
              )}
            </tbody>
          </Table>
        </>
      )}
    </div>
  );
}

const GROUP_KIND = {
  CREATE: { label: "Create group", tone: "success" },
  UPDATE: { label: "Update group", tone: "brand" },
  DELETE: { label: "Delete group", tone: "danger" },
} as const;

const people = (count: number) => `${count.toLocaleString("en-US")} ${count === 1 ? "person" : "people"}`;
const members = (count: number) => `${count.toLocaleString("en-US")} ${count === 1 ? "member" : "members"}`;

/** The pushed groups a sync would create, change or delete in the app. */
function GroupChanges({ changes }: { changes: Report["groupChanges"] }) {
  return (
    <>
      <p className="px-6 text-sm text-zinc-500">
        {changes.length === 1 ? "1 pushed group would change" : `${changes.length.toLocaleString("en-US")} pushed groups would change`}. Nothing was sent.
      </p>
      <Table aria-label="Planned group changes">
        <thead>
          <tr>
            <Th>Group</Th>
            <Th>Operation</Th>
            <Th className="w-1/2">Members</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {changes.map((change) => (
            <tr key={change.groupId}>
              <Td className="font-medium text-zinc-900">{change.label}</Td>
              <Td className="whitespace-nowrap">
                <Badge tone={GROUP_KIND[change.kind].tone}>{GROUP_KIND[change.kind].label}</Badge>
              </Td>
              <Td className="text-zinc-700">
                {change.rename ? (
                  <p>
                    Renamed from “{change.rename.from}” to “{change.rename.to}”
                  </p>
                ) : null}
                {change.kind === "CREATE" ? (
                  <p>With {members(change.added)}</p>
                ) : change.kind === "DELETE" ? (
                  <p>Deleted in the app; its {members(change.removed)} lose what the group gives them there</p>
                ) : change.added > 0 || change.removed > 0 ? (
                  <p>
                    {change.added > 0 ? `${members(change.added)} added` : null}
                    {change.added > 0 && change.removed > 0 ? ", " : null}
                    {change.removed > 0 ? `${members(change.removed)} removed` : null}
                  </p>
                ) : null}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}

export function DryRunSkeleton() {
  return (
    <div aria-busy="true" aria-label="Planning the dry run" className="space-y-4 px-6 py-5">
      <div className="grid grid-cols-3 gap-3 sm:grid-cols-6">
        {KINDS.map(({ kind }) => (
          <Skeleton key={kind} className="h-16 rounded-lg" />
        ))}
      </div>
      {[0, 1, 2, 3].map((row) => (
        <div key={row} className="flex gap-6">
          <Skeleton className="h-4 w-48" />
          <Skeleton className="h-4 w-20" />
          <Skeleton className="h-4 flex-1" />
        </div>
      ))}
    </div>
  );
}
