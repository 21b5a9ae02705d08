"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { ActionResult } from "@/lib/actions/define-action";
import type { UserSelectionInput, UserStatusName } from "@/lib/directory/schemas/user";
import { toastBulkResult, type BulkOutcome } from "./bulk-result-toast";
import { DeleteConsequences } from "./delete-consequences";

interface Props {
  user: { id: string; name: string; status: UserStatusName };
  appCount: number;
  setStatus: (input: { selection: UserSelectionInput; status: UserStatusName }) => Promise<ActionResult<BulkOutcome>>;
  remove: (input: { selection: UserSelectionInput }) => Promise<ActionResult<BulkOutcome>>;
}

/** Activate, deactivate and delete on a person's page. */
export function UserStatusActions({ user, appCount, setStatus, remove }: Props) {
  const router = useRouter();
  const selection = { ids: [user.id] };
  return (
    <>
      {user.status === "ACTIVE" ? (
        <ConfirmDialog
          title={`Deactivate ${user.name}?`}
          confirmLabel="Deactivate"
          onConfirm={async () => {
            if (toastBulkResult(await setStatus({ selection, status: "INACTIVE" }), "Deactivated")) router.refresh();
          }}
          trigger={<Button variant="secondary">Deactivate</Button>}
        >
          <p>They keep their profile but lose access to the apps Roster provisions.</p>
        </ConfirmDialog>
      ) : (
        <Button
          variant="secondary"
          onClick={async () => {
            if (toastBulkResult(await setStatus({ selection, status: "ACTIVE" }), "Activated")) router.refresh();
          }}
        >
          Activate
        </Button>
      )}
      <ConfirmDialog
        title={`Delete ${user.name}?`}
        confirmLabel="Delete"
        onConfirm={async () => {
          const result = await remove({ selection });
          if (toastBulkResult(result, "Deleted") && result.ok && result.data.changed > 0) router.push("/users");
        }}
        trigger={<Button variant="danger">Delete</Button>}
      >
        <DeleteConsequences count={1} appCount={appCount} />
      </ConfirmDialog>
    </>
  );
}
