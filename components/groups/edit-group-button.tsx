"use client";

import { Pencil } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/define-action";
import type { UpdateGroupInput } from "@/lib/directory/schemas/group";
import { GroupDetailsDialog } from "./group-details-dialog";

interface Props {
  group: { id: string; name: string; description: string };
  update: (input: UpdateGroupInput) => Promise<ActionResult<{ id: string; changed: boolean }>>;
}

/** "Edit details": rename the group and change its description. */
export function EditGroupButton({ group, update }: Props) {
  const router = useRouter();
  return (
    <GroupDetailsDialog
      trigger={
        <Button variant="secondary">
          <Pencil aria-hidden className="size-4" /> Edit details
        </Button>
      }
      title={`Edit ${group.name}`}
      description="A new name shows everywhere the group appears, including the audit log."
      submitLabel="Save changes"
      defaultValues={{ name: group.name, description: group.description }}
      save={async (values) => {
        const result = await update({ id: group.id, ...values });
        if (result.ok) toast.success(result.data.changed ? "Saved the group's details." : "Nothing needed to change.");
        return result;
      }}
      onSaved={() => router.refresh()}
    />
  );
}
