"use client";

import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/define-action";
import type { CreateGroupInput } from "@/lib/directory/schemas/group";
import { GroupDetailsDialog } from "./group-details-dialog";

/** "New group": creates it and opens its page, where people are added. */
export function CreateGroupButton({ create }: { create: (input: CreateGroupInput) => Promise<ActionResult<{ id: string; name: string }>> }) {
  const router = useRouter();
  return (
    <GroupDetailsDialog
      trigger={
        <Button>
          <Plus aria-hidden className="size-4" /> New group
        </Button>
      }
      title="New group"
      description="Groups gather people so that apps can be assigned to all of them at once."
      submitLabel="Create group"
      defaultValues={{ name: "", description: "" }}
      save={async (values) => {
        const result = await create(values);
        if (result.ok) {
          toast.success(`Created ${result.data.name}. Add people to it next.`);
          router.push(`/groups/${result.data.id}`);
        }
        return result;
      }}
      onSaved={() => undefined}
    />
  );
}
