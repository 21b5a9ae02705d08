"use client";

import { UserPlus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { SearchPickDialog, actionError } from "@/components/ui/search-pick-dialog";
import type { ActionResult } from "@/lib/actions/define-action";
import { DEFAULT_ADMIN_PERMISSIONS } from "@/lib/auth/permissions";
import type { AdminAccessInput } from "@/lib/directory/schemas/admin";
import { AccessDialog } from "./access-dialog";

type Candidate = { id: string; name: string; email: string };

interface Props {
  search: (input: { query: string }) => Promise<ActionResult<Candidate[]>>;
  setAccess: (input: AdminAccessInput) => Promise<ActionResult<{ action: string | null }>>;
}

/** "Add admin": find an active person in the directory, then choose their role and permissions. */
export function AddAdminButton({ search, setAccess }: Props) {
  const router = useRouter();
  const [person, setPerson] = useState<Candidate | null>(null);
  return (
    <>
      <SearchPickDialog<Candidate>
        trigger={
          <Button>
            <UserPlus aria-hidden className="size-4" /> Add admin
          </Button>
        }
        title="Add an admin"
        description="Search the directory by name or e-mail and pick one active person. Next you choose what they may do."
        search={{ label: "Search people", placeholder: "Search by name or e-mail", run: (query) => search({ query }) }}
        emptyQuery={{ hint: "Type part of a name or e-mail to find people." }}
        multiple={false}
        listLabel="People found"
        renderOption={(option) => (
          <span className="min-w-0">
            <span className="block font-medium break-words text-zinc-900">{option.name}</span>
            <span className="block break-all text-zinc-600">{option.email}</span>
          </span>
        )}
        noMatch={(query) => `No active person without admin access matches “${query}”.`}
        confirmLabel={() => "Next: choose access"}
        onConfirm={async ([picked]) => {
          setPerson(picked ?? null);
          return null;
        }}
        width="md"
      />
      {person ? (
        <AccessDialog
          key={person.id}
          open
          onOpenChange={(open) => (open ? undefined : setPerson(null))}
          title={`What may ${person.name} do?`}
          description={`${person.email} can sign in once you send them an invite link from this page.`}
          initial={{ role: "ADMIN", permissions: DEFAULT_ADMIN_PERMISSIONS }}
          confirmLabel="Give admin access"
          onSave={async (access) => {
            const result = await setAccess({ userId: person.id, ...access });
            if (!result.ok) return actionError(result);
            toast.success(`${person.name} is now ${access.role === "OWNER" ? "an Owner" : "an Admin"}. Create an invite link so they can set a password.`);
            router.refresh();
            return null;
          }}
        />
      ) : null}
    </>
  );
}
