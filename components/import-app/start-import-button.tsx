"use client";

import { Download } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/define-action";

export function StartImportButton({
  appId,
  label,
  start,
}: {
  appId: string;
  label: string;
  start: (input: { appId: string }) => Promise<ActionResult<{ id: string }>>;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      className="whitespace-nowrap"
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        const result = await start({ appId });
        setBusy(false);
        if (!result.ok) return void toast.error(result.message);
        router.refresh();
      }}
    >
      <Download aria-hidden className="size-4" /> {busy ? "Starting…" : label}
    </Button>
  );
}
