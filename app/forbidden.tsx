"use client";

import { usePathname } from "next/navigation";
import { NoAccess } from "@/components/app/no-access";
import { permissionsForPath } from "@/lib/auth/route-permissions";

/** A refusal outside the admin shell; pages inside it use app/(admin)/forbidden.tsx. */
export default function Forbidden() {
  return (
    <main className="mx-auto flex min-h-screen max-w-xl flex-col justify-center px-4">
      <NoAccess permissions={permissionsForPath(usePathname())} />
    </main>
  );
}
