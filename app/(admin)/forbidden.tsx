"use client";

import { usePathname } from "next/navigation";
import { NoAccess } from "@/components/app/no-access";
import { permissionsForPath } from "@/lib/auth/route-permissions";

/** What `requirePagePermission` (lib/auth/require.ts) shows, inside the admin shell, with a 403. */
export default function Forbidden() {
  return <NoAccess permissions={permissionsForPath(usePathname())} />;
}
