"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { PermissionCode } from "@/lib/auth/permissions";
import { PERMISSION_CODES, PERMISSION_HINTS, PERMISSION_LABELS } from "@/lib/directory/schemas/admin";

export interface Access {
  role: "OWNER" | "ADMIN";
  permissions: PermissionCode[];
}

interface Props {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: string;
  initial: Access;
  confirmLabel: string;
  /** Saves; returns an error to show in the dialog, or null when done (the dialog then closes). */
  onSave: (access: Access) => Promise<string | null>;
}

/** Choose a role (Owner, or Admin) and, for an Admin, what they may do. */
export function AccessDialog({ open, onOpenChange, title, description, initial, confirmLabel, onSave }: Props) {
  const [role, setRole] = useState(initial.role);
  const [permissions, setPermissions] = useState<PermissionCode[]>(initial.permissions);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function toggle(code: PermissionCode) {
    setPermissions((current) => (current.includes(code) ? current.filter((value) => value !== code) : [...current, code]));
  }

  async function save() {
    setBusy(true);
    setError(null);
    try {
      const failure = await onSave({ role, permissions: role === "OWNER" ? [] : permissions });
      if (failure) setError(failure);
      else onOpenChange(false);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog.Root open={open} onOpenChange={(next) => !busy && onOpenChange(next)}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-zinc-900/40" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 max-h-[90vh] w-[calc(100%-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl bg-white p-6 shadow-xl ring-1 ring-zinc-200">
          <Dialog.Title className="text-base font-semibold break-words text-zinc-900">{title}</Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-zinc-600">{description}</Dialog.Description>
          <div className="mt-4 space-y-4">
            {error ? <Alert tone="error">{error}</Alert> : null}
            <fieldset>
              <legend className="text-sm font-medium text-zinc-800">Role</legend>
              <div className="mt-2 space-y-2">
                <RoleChoice value="ADMIN" checked={role === "ADMIN"} onChange={setRole} label="Admin" hint="Can do what the permissions below allow." />
                <RoleChoice
                  value="OWNER"
                  checked={role === "OWNER"}
                  onChange={setRole}
                  label="Owner"
                  hint="Can do everything, including managing admins and the organization."
                />
              </div>
            </fieldset>
            <fieldset disabled={role === "OWNER"} className="disabled:opacity-50">
              <legend className="text-sm font-medium text-zinc-800">Permissions{role === "OWNER" ? " (an Owner has them all)" : ""}</legend>
              <div className="mt-2 space-y-2">
                {PERMISSION_CODES.map((code) => (
                  <label key={code} className="flex items-start gap-3 rounded-lg px-3 py-2 text-sm ring-1 ring-zinc-200">
                    <input
                      type="checkbox"
                      className="mt-0.5 size-4 shrink-0 rounded border-zinc-300"
                      checked={role === "OWNER" || permissions.includes(code)}
                      onChange={() => toggle(code)}
                    />
                    <span>
                      <span className="block font-medium text-zinc-900">{PERMISSION_LABELS[code]}</span>
                      <span className="block text-zinc-600">{PERMISSION_HINTS[code]}</span>
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
          </div>
          <div className="mt-6 flex flex-wrap justify-end gap-2">
            <Dialog.Close asChild>
              <Button variant="secondary" disabled={busy}>
                Cancel
              </Button>
            </Dialog.Close>
            <Button disabled={busy} onClick={() => void save()}>
              {busy ? "Saving…" : confirmLabel}
            </Button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function RoleChoice(props: { value: Access["role"]; checked: boolean; onChange: (role: Access["role"]) => void; label: string; hint: string }) {
  return (
    <label className="flex items-start gap-3 rounded-lg px-3 py-2 text-sm ring-1 ring-zinc-200">
      <input type="radio" name="role" className="mt-0.5 size-4 shrink-0" checked={props.checked} onChange={() => props.onChange(props.value)} />
      <span>
        <span className="block font-medium text-zinc-900">{props.label}</span>
        <span className="block text-zinc-600">{props.hint}</span>
      </span>
    </label>
  );
}
