"use client";

import { usePathname } from "next/navigation";
import { NoAccess } from "@/components/app/no-access";
import { permissionsForPath } from "@/lib/auth/route-permissions";

/** A tab of an app the admin may view but not use (the Import tab without "import users"): the app's header stays. */
export default function AppTabForbidden() {
  return <NoAccess permissions={permissionsForPath(usePathname())} />;
}
