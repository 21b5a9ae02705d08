"use client";

import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/define-action";

export function AddAppButton({
  catalogKey,
  name,
  add,
}: {
  catalogKey: string;
  name: string;
  add: (input: { catalogKey: string }) => Promise<ActionResult<{ id: string }>>;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="secondary"
      size="sm"
      disabled={busy}
      aria-label={`Add ${name}`}
      onClick={async () => {
        setBusy(true);
        const result = await add({ catalogKey });
        setBusy(false);
        if (!result.ok) return void toast.error(result.message);
        router.push(`/applications/${result.data.id}/provisioning`);
      }}
    >
      <Plus aria-hidden className="size-4" /> {busy ? "Adding…" : "Add"}
    </Button>
  );
}
