"use client";

import { UsersRound } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { ActionResult } from "@/lib/actions/define-action";
import type { AppGroupRow } from "@/lib/directory/assignments/group-options";
import { AssignGroupsDialog, type ChangeGroupAssignments, type SearchGroupOptions } from "./assign-groups-dialog";

export type CountPeopleLosingAccess = (input: { appId: string; groupId: string }) => Promise<ActionResult<{ people: number }>>;
export type SetGroupPush = (input: { appId: string; groupId: string; push: boolean }) => Promise<ActionResult<{ changed: boolean }>>;

/** A pushed group's copy in the app, as Roster last left it. */
export interface PushState {
  state: "ACTIVE" | "CONFLICT" | "DELETED";
  remoteName: string | null;
  lastError: string | null;
}

interface Props {
  app: { id: string; name: string; pushGroups: boolean };
  groups: AppGroupRow[];
  pushStates: Record<string, PushState>;
  total: number;
  canAssign: boolean;
  actions: {
    search: SearchGroupOptions;
    assign: ChangeGroupAssignments;
    unassign: ChangeGroupAssignments;
    countLosing: CountPeopleLosingAccess;
    setPush: SetGroupPush;
  };
}

const people = (count: number) => `${count.toLocaleString("en-US")} ${count === 1 ? "person" : "people"}`;

/** The groups assigned to an app, on its Users tab: everyone in them has the app. */
export function AppGroupsPanel({ app, groups, pushStates, total, canAssign, actions }: Props) {
  return (
    <Card className="mb-4">
      <CardHeader
        title="Groups"
        description={
          app.pushGroups
            ? `Everyone in an assigned group has ${app.name}, as long as they are in the group. Pushed groups are created in ${app.name} too, with their members.`
            : `Everyone in an assigned group has ${app.name}, as long as they are in the group. To create the groups themselves in ${app.name}, turn on Push groups in Sync actions.`
        }
        action={canAssign ? <AssignGroupsDialog app={app} search={actions.search} assign={actions.assign} /> : null}
      />
      {groups.length === 0 ? (
        <p className="px-6 py-4 text-sm text-zinc-500">
          No groups are assigned.{canAssign ? ` Assign a group to give all its members ${app.name} at once.` : ""}
        </p>
      ) : (
        <ul aria-label={`Groups assigned to ${app.name}`} className="divide-y divide-zinc-100">
          {groups.map((group) => (
            <li key={group.id} className="px-6 py-3 text-sm">
              <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
                {/* The name and count take a line of their own on a phone; the status and buttons follow them. */}
                <div className="flex min-w-0 flex-1 basis-56 items-baseline gap-x-3">
                  <UsersRound aria-hidden className="size-4 shrink-0 self-center text-zinc-400" />
                  <span className="min-w-0 font-medium break-words text-zinc-900">{group.name}</span>
                  <span className="shrink-0 text-zinc-500">{group.members === 1 ? "1 member" : `${group.members.toLocaleString("en-US")} members`}</span>
                </div>
                <div className="flex flex-wrap items-center gap-2">
                  {app.pushGroups ? <PushStatus app={app} group={group} state={pushStates[group.id]} canAssign={canAssign} setPush={actions.setPush} /> : null}
                  {canAssign ? <RemoveGroupButton app={app} group={group} unassign={actions.unassign} countLosing={actions.countLosing} /> : null}
                </div>
              </div>
              {app.pushGroups && group.push && pushStates[group.id]?.state === "CONFLICT" && pushStates[group.id]?.lastError ? (
                <p className="mt-2 rounded-md bg-red-50 px-3 py-2 text-red-800 ring-1 ring-red-100 ring-inset">{pushStates[group.id]!.lastError}</p>
              ) : null}
            </li>
          ))}
          {total > groups.length ? (
            <li className="px-6 py-3 text-sm text-zinc-500">and {(total - groups.length).toLocaleString("en-US")} more groups</li>
          ) : null}
        </ul>
      )}
    </Card>
  );
}

/** Whether the group is pushed to the app, how its copy there stands, and the switch to push it or stop. */
function PushStatus({
  app,
  group,
  state,
  canAssign,
  setPush,
}: {
  app: { id: string; name: string };
  group: AppGroupRow;
  state: PushState | undefined;
  canAssign: boolean;
  setPush: SetGroupPush;
}) {
  const router = useRouter();
  async function change(push: boolean) {
    const result = await setPush({ appId: app.id, groupId: group.id, push });
    if (!result.ok) return void toast.error(result.message);
    toast.success(push ? `${group.name} will be pushed to ${app.name}.` : `${group.name} will be deleted in ${app.name}.`);
    router.refresh();
  }
  const status = !group.push
    ? { tone: "neutral" as const, text: "Not pushed" }
    : state?.state === "CONFLICT"
      ? { tone: "danger" as const, text: "Conflict" }
      : state?.state === "ACTIVE" && state.remoteName
        ? { tone: "success" as const, text: `In ${app.name}` }
        : { tone: "brand" as const, text: "Pushing…" };
  return (
    <>
      <Badge tone={status.tone}>{status.text}</Badge>
      {canAssign ? (
        group.push ? (
          <ConfirmDialog
            title={`Stop pushing ${group.name} to ${app.name}?`}
            confirmLabel="Stop pushing"
            onConfirm={() => change(false)}
            trigger={
              <Button size="sm" variant="secondary" aria-label={`Stop pushing ${group.name}`}>
                Stop pushing
              </Button>
            }
          >
            <p>
              Roster deletes the group {group.name} in {app.name}. Its members keep their {app.name} accounts (they still have the app through the group), but
              lose whatever the group itself gives them in {app.name}, such as product access or permissions granted to the group there.
            </p>
          </ConfirmDialog>
        ) : (
          <Button size="sm" variant="secondary" aria-label={`Push ${group.name} to ${app.name}`} onClick={() => void change(true)}>
            Push
          </Button>
        )
      ) : null}
    </>
  );
}

function RemoveGroupButton({
  app,
  group,
  unassign,
  countLosing,
}: {
  app: { id: string; name: string; pushGroups: boolean };
  group: AppGroupRow;
  unassign: ChangeGroupAssignments;
  countLosing: CountPeopleLosingAccess;
}) {
  const router = useRouter();
  const [losing, setLosing] = useState<number | null>(null);

  async function loadCount() {
    setLosing(null);
    const result = await countLosing({ appId: app.id, groupId: group.id });
    if (result.ok) setLosing(result.data.people);
    else toast.error(result.message);
  }

  async function onConfirm() {
    const result = await unassign({ appId: app.id, groupIds: [group.id] });
    if (!result.ok) {
      toast.error(result.message);
      return;
    }
    toast.success(`Removed ${group.name} from ${app.name}: ${people(result.data.people)} lost access.`);
    router.refresh();
  }

  return (
    <ConfirmDialog
      title={`Remove ${group.name} from ${app.name}?`}
      confirmLabel="Remove group"
      onConfirm={onConfirm}
      trigger={
        <Button size="sm" variant="secondary" aria-label={`Remove ${group.name}`} onClick={() => void loadCount()}>
          Remove
        </Button>
      }
    >
      <p role="status">
        {losing === null
          ? "Counting who loses access…"
          : losing === 0
            ? `No one loses access: all ${people(group.members)} in ${group.name} also have ${app.name} directly or through another group.`
            : losing === group.members
              ? `${losing === 1 ? "The 1 person" : `All ${people(losing)}`} in ${group.name} lose${losing === 1 ? "s" : ""} access to ${app.name}: no one in it has the app another way.`
              : `${people(losing)} of the ${people(group.members)} in ${group.name} lose${losing === 1 ? "s" : ""} access to ${app.name}; the others keep it directly or through another group.`}
      </p>
      {group.push && app.pushGroups ? (
        <p>
          Roster also deletes the group {group.name} in {app.name}: what the group itself gives its members there ends with it.
        </p>
      ) : null}
      <p>
        {app.name}&apos;s sync actions then apply to those who lose access: where Activate and deactivate users is on, their accounts are deactivated; nothing
        is deleted.
      </p>
    </ConfirmDialog>
  );
}
