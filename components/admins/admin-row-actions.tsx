"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { actionError } from "@/components/ui/search-pick-dialog";
import type { ActionResult } from "@/lib/actions/define-action";
import type { PermissionCode } from "@/lib/auth/permissions";
import type { AdminAccessInput } from "@/lib/directory/schemas/admin";
import { AccessDialog } from "./access-dialog";
import { PasswordLinkDialog, type CreatedLink } from "./password-link-dialog";

export interface AdminRowActionsProps {
  admin: { id: string; name: string; role: "OWNER" | "ADMIN"; permissions: PermissionCode[]; hasPassword: boolean; hasPendingLink: boolean; you: boolean };
  /** The organization's only active Owner: they cannot be stepped down or revoked, so the buttons say why. */
  lastOwner: boolean;
  actions: {
    setAccess: (input: AdminAccessInput) => Promise<ActionResult<{ action: string | null }>>;
    revoke: (input: { userId: string }) => Promise<ActionResult<{ endedSessions: number }>>;
    createLink: (input: { userId: string }) => Promise<ActionResult<CreatedLink>>;
  };
}

/** Change access, create an invite or reset link, revoke: the Owner's buttons on one admin's row. */
export function AdminRowActions({ admin, lastOwner, actions }: AdminRowActionsProps) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const who = admin.you ? "you" : admin.name;
  return (
    <div className="flex shrink-0 flex-wrap gap-2">
      {lastOwner ? (
        <p className="max-w-60 text-xs text-zinc-500">The only Owner: make someone else an Owner before stepping down.</p>
      ) : (
        <Button size="sm" variant="secondary" onClick={() => setEditing(true)}>
          Change access
        </Button>
      )}
      <PasswordLinkDialog
        trigger={
          <Button size="sm" variant="secondary">
            {admin.hasPassword ? "Reset link" : "Invite link"}
          </Button>
        }
        person={admin}
        create={actions.createLink}
      />
      {lastOwner ? null : (
        <ConfirmDialog
          title={`Revoke ${admin.you ? "your own" : `${admin.name}'s`} admin access?`}
          confirmLabel="Revoke access"
          onConfirm={async () => {
            const result = await actions.revoke({ userId: admin.id });
            if (!result.ok) return void toast.error(actionError(result));
            toast.success(`${admin.name} no longer has admin access.`);
            router.refresh();
          }}
          trigger={
            <Button size="sm" variant="ghost" className="text-red-700 hover:bg-red-50">
              Revoke
            </Button>
          }
        >
          <p>
            {admin.you ? "You are" : `${admin.name} is`} signed out everywhere at once and can no longer use the admin panel. Any open invite or reset link
            stops working.
          </p>
          <p>Nothing changes in connected apps: {who === "you" ? "your" : "their"} accounts and app access stay as they are.</p>
        </ConfirmDialog>
      )}
      {editing ? (
        <AccessDialog
          open
          onOpenChange={setEditing}
          title={`Change ${admin.you ? "your" : `${admin.name}'s`} access`}
          description={admin.role === "OWNER" ? "Stepping down to Admin takes effect on their next click." : "Changes take effect on their next click."}
          initial={{ role: admin.role, permissions: admin.permissions }}
          confirmLabel="Save access"
          onSave={async (access) => {
            const result = await actions.setAccess({ userId: admin.id, ...access });
            if (!result.ok) return actionError(result);
            toast.success(result.data.action ? `Saved ${admin.name}'s access.` : "Nothing needed to change.");
            router.refresh();
            return null;
          }}
        />
      ) : null}
    </div>
  );
}
