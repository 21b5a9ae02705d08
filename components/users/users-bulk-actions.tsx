"use client";

import { AddToGroupDialog, type AddGroupMembers, type SearchGroups } from "@/components/groups/add-to-group-dialog";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { ActionResult } from "@/lib/actions/define-action";
import type { UserSelectionInput, UserStatusName } from "@/lib/directory/schemas/user";
import { AppAssignmentMenu, type AssignmentChange } from "./app-assignment-menu";
import type { BulkOutcome } from "./bulk-result-toast";
import { DeleteConsequences } from "./delete-consequences";
import { SignInLinksButton, type CreateSignInLinks } from "./sign-in-links-button";

export type BulkRun = (action: Promise<ActionResult<BulkOutcome>>, verbPast: string) => Promise<void>;
type Change = (input: { appId: string; selection: UserSelectionInput }) => Promise<ActionResult<AssignmentChange>>;

interface Props {
  count: number;
  selection: UserSelectionInput;
  appCount: number;
  canManage: boolean;
  apps: { id: string; name: string }[];
  assign: Change;
  unassign: Change;
  groups: { search: SearchGroups; add: AddGroupMembers };
  setStatus: (input: { selection: UserSelectionInput; status: UserStatusName }) => Promise<ActionResult<BulkOutcome>>;
  remove: (input: { selection: UserSelectionInput }) => Promise<ActionResult<BulkOutcome>>;
  signInLinks: CreateSignInLinks;
  run: BulkRun;
}

/** An assignment change as a bulk outcome, for the one toast. */
export function asBulkOutcome(result: ActionResult<AssignmentChange>): ActionResult<BulkOutcome> {
  return result.ok ? { ok: true, data: { changed: result.data.changed, skipped: result.data.skipped ?? [], skippedCount: result.data.skippedCount } } : result;
}

/** The users list's selection bar actions: groups and apps, then status and delete (with "manage users"). */
export function UsersBulkActions({ count, selection, appCount, canManage, apps, assign, unassign, groups, setStatus, remove, signInLinks, run }: Props) {
  const who = `${count.toLocaleString("en-US")} ${count === 1 ? "person" : "people"}`;
  return (
    <>
      {canManage ? (
        <AddToGroupDialog
          trigger={
            <Button size="sm" variant="secondary">
              Add to group…
            </Button>
          }
          who={who}
          selection={selection}
          search={groups.search}
          add={groups.add}
          onDone={(result, groupName) => void run(Promise.resolve(result), `Added to ${groupName}:`)}
        />
      ) : null}
      {apps.length > 0 ? (
        <AppAssignmentMenu
          apps={apps}
          selection={selection}
          assign={assign}
          unassign={unassign}
          onDone={(result, verbPast) => void run(Promise.resolve(asBulkOutcome(result)), verbPast)}
        />
      ) : null}
      {canManage ? (
        <>
          <SignInLinksButton selection={selection} create={signInLinks} />
          <Button size="sm" variant="secondary" onClick={() => run(setStatus({ selection, status: "ACTIVE" }), "Activated")}>
            Activate
          </Button>
          <ConfirmDialog
            title={`Deactivate ${who}?`}
            confirmLabel="Deactivate"
            onConfirm={() => run(setStatus({ selection, status: "INACTIVE" }), "Deactivated")}
            trigger={
              <Button size="sm" variant="secondary">
                Deactivate
              </Button>
            }
          >
            <p>They can no longer sign in to apps that Roster provisions.</p>
            <p>
              {appCount > 0
                ? "Their accounts in connected apps are deactivated where the app's Activate and deactivate users action is on."
                : "No applications are connected, so nothing changes outside Roster."}
            </p>
          </ConfirmDialog>
          <ConfirmDialog
            title={`Delete ${who}?`}
            confirmLabel="Delete"
            onConfirm={() => run(remove({ selection }), "Deleted")}
            trigger={
              <Button size="sm" variant="danger">
                Delete
              </Button>
            }
          >
            <DeleteConsequences count={count} appCount={appCount} />
          </ConfirmDialog>
        </>
      ) : null}
    </>
  );
}
