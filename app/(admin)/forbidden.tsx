import { NoAccess } from "@/components/app/no-access";

/** What `requirePagePermission` (lib/auth/require.ts) shows, inside the admin shell, with a 403. */
export default function Forbidden() {
  return <NoAccess />;
}
