import Link from "next/link";
import { LinkAccountDialog, type LinkAppAccount, type SearchAppAccounts } from "@/components/provisioning-status/link-account-dialog";
import { Table, Td, Th } from "@/components/ui/table";
import type { ConflictLinkState } from "@/lib/provisioning/accounts/conflict-link-states";
import type { OperationRow } from "@/lib/provisioning/log/list-operations";
import { ChangeList } from "./change-list";
import { OperationStatusBadge } from "./operation-status-badge";
import { GroupLabel, PersonLabel } from "./person-label";

export type OperationLogRow = OperationRow;

const TIME = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

/** What the log offers on a create refused with a conflict Roster could not resolve: the Link action, or where the person is linked now. */
export interface ConflictLinking {
  states: Record<string, ConflictLinkState>;
  canLink: boolean;
  search: SearchAppAccounts;
  link: LinkAppAccount;
}

/** The provisioning log: one row per request Roster sent (or chose not to send) to an app. */
export function OperationLogTable({ operations, showApp, linking }: { operations: OperationLogRow[]; showApp: boolean; linking?: ConflictLinking }) {
  return (
    <Table aria-label="Provisioning log">
      <thead>
        <tr>
          <Th>Time (UTC)</Th>
          <Th>Person or group</Th>
          {showApp ? <Th>App</Th> : null}
          <Th>Operation</Th>
          <Th>Status</Th>
          <Th className="text-right">HTTP</Th>
          <Th className="w-2/5">Details</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-100">
        {operations.map((operation) => (
          <tr key={operation.id}>
            <Td className="text-zinc-500 tabular-nums sm:whitespace-nowrap">{TIME.format(operation.createdAt)}</Td>
            <Td>
              {operation.groupId ? (
                <GroupLabel label={operation.userLabel} groupId={operation.groupId} />
              ) : (
                <PersonLabel label={operation.userLabel} userId={operation.userId ?? undefined} />
              )}
            </Td>
            {showApp ? (
              <Td className="whitespace-nowrap">
                <Link href={`/applications/${operation.appId}/log`} className="text-zinc-700 hover:text-brand-700 hover:underline">
                  {operation.appName}
                </Link>
              </Td>
            ) : null}
            <Td className="whitespace-nowrap font-medium text-zinc-900">
              {operation.kindLabel}
              {operation.attempt > 1 ? <div className="text-xs font-normal text-zinc-500">Attempt {operation.attempt}</div> : null}
            </Td>
            <Td>
              <OperationStatusBadge status={operation.status} label={operation.statusLabel} />
            </Td>
            <Td className="text-right font-mono text-xs text-zinc-600 tabular-nums">{operation.httpStatus ?? "—"}</Td>
            <Td>
              {operation.message ? <p className={operation.status === "FAILED" ? "text-red-700" : "text-zinc-700"}>{operation.message}</p> : null}
              <ChangeList changes={operation.changes} />
              {linking?.states[operation.id] ? <ConflictLink operation={operation} state={linking.states[operation.id]!} linking={linking} /> : null}
              {!operation.message && operation.changes.length === 0 ? <span className="text-zinc-500">—</span> : null}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function ConflictLink({ operation, state, linking }: { operation: OperationLogRow; state: ConflictLinkState; linking: ConflictLinking }) {
  if (state.state === "linked") return <p className="mt-1.5 text-emerald-700">Now linked to the app&apos;s account {state.remoteUserName}.</p>;
  if (!linking.canLink) return <p className="mt-1.5 text-zinc-600">An admin who may assign apps can link the app&apos;s existing account here.</p>;
  return (
    <div className="mt-2">
      <LinkAccountDialog
        app={{ id: operation.appId, name: operation.appName }}
        person={{ id: operation.userId!, label: operation.userLabel }}
        search={linking.search}
        link={linking.link}
      />
    </div>
  );
}
