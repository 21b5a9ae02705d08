import { Lock } from "lucide-react";
import Link from "next/link";
import { Card } from "@/components/ui/card";

/** The whole page an admin sees instead of one they may not use (app/(admin)/forbidden.tsx, app/forbidden.tsx). */
export function NoAccess({ permissions = [] }: { permissions?: readonly string[] }) {
  const named = permissions.map((permission) => `“${permission}”`).join(" and ");
  return (
    <Card>
      <div className="flex flex-col items-center px-6 py-16 text-center">
        <div className="mb-4 rounded-full bg-brand-50 p-3 text-brand-600">
          <Lock aria-hidden className="size-6" />
        </div>
        <h1 className="text-lg font-semibold text-zinc-900">You do not have access to this page</h1>
        <p className="mt-1 max-w-md text-sm text-zinc-600">
          {permissions.length === 0
            ? "Your account does not have the permission this page needs."
            : `This page needs the ${named} ${permissions.length === 1 ? "permission, which your account does not have" : "permissions, and your account lacks at least one"}.`}{" "}
          Ask an Owner of your organization if you need access.
        </p>
        <Link href="/" className="mt-4 text-sm font-medium text-brand-700 hover:underline">
          Back to the overview
        </Link>
      </div>
    </Card>
  );
}
