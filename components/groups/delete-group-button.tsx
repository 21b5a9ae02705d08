"use client";

import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { ActionResult } from "@/lib/actions/define-action";
import type { GroupDeletionImpact } from "@/lib/directory/groups/delete-group";

interface Props {
  group: { id: string; name: string };
  impact: (input: { id: string }) => Promise<ActionResult<GroupDeletionImpact>>;
  remove: (input: { id: string }) => Promise<ActionResult<{ id: string; name: string }>>;
}

const people = (count: number) => `${count.toLocaleString("en-US")} ${count === 1 ? "person" : "people"}`;

/**
 * "Delete group…": first works out what the delete would do (who loses which app, because the group was their
 * only way to it), then asks, spelling that out.
 */
export function DeleteGroupButton({ group, impact, remove }: Props) {
  const router = useRouter();
  const [loading, setLoading] = useState(false);
  const [known, setKnown] = useState<GroupDeletionImpact | null>(null);
  const button = useRef<HTMLButtonElement>(null);

  async function open() {
    setLoading(true);
    try {
      const result = await impact({ id: group.id });
      if (!result.ok) return void toast.error(result.message);
      setKnown(result.data);
    } finally {
      setLoading(false);
    }
  }

  async function confirm() {
    const result = await remove({ id: group.id });
    if (!result.ok) return void toast.error(result.message);
    toast.success(`Deleted ${result.data.name}.`);
    router.push("/groups");
  }

  return (
    <>
      <Button ref={button} variant="danger" onClick={() => void open()} disabled={loading}>
        <Trash2 aria-hidden className="size-4" /> {loading ? "Checking…" : "Delete group…"}
      </Button>
      {known ? (
        <ConfirmDialog
          defaultOpen
          returnFocusTo={button}
          onClosed={() => setKnown(null)}
          title={`Delete ${group.name}?`}
          confirmLabel="Delete group"
          onConfirm={confirm}
        >
          <p>
            {known.memberCount === 0
              ? "The group has no members."
              : `Its ${known.memberCount === 1 ? "1 member leaves" : `${known.memberCount.toLocaleString("en-US")} members leave`} the group and stay in the directory.`}
          </p>
          {known.apps.length === 0 ? (
            <p>It is not assigned to any app, so nothing changes in connected apps.</p>
          ) : (
            <>
              <p>It is assigned to {known.apps.length === 1 ? "1 app" : `${known.apps.length} apps`}. Members with no other way to an app lose it:</p>
              <ul className="list-disc space-y-1 pl-5">
                {known.apps.map((app) => (
                  <li key={app.id}>
                    <span className="font-medium text-zinc-800">{app.name}</span>:{" "}
                    {app.losing === 0
                      ? "nobody loses it (every member also has it directly or through another group)."
                      : `${people(app.losing)} lose${app.losing === 1 ? "s" : ""} it; ${
                          app.deactivates
                            ? "their accounts there are deactivated (its Activate and deactivate users action is on)."
                            : "their accounts there are left as they are (its Activate and deactivate users action is off)."
                        }`}
                  </li>
                ))}
              </ul>
            </>
          )}
        </ConfirmDialog>
      ) : null}
    </>
  );
}
