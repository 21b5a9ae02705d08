import Link from "next/link";
import type { ReactNode } from "react";
import { Logo } from "@/components/app/logo";
import { PersonMenu } from "@/components/portal/person-menu";
import { SkipLink } from "@/components/shell/skip-link";
import { requirePersonSession } from "@/lib/auth/require";
import { signOutPersonAction } from "./actions";

/** The people's area: any signed-in person; admins see a way back to the admin panel. Each page checks for itself. */
export default async function PortalLayout({ children }: { children: ReactNode }) {
  const session = await requirePersonSession();
  return (
    <div className="flex min-h-screen flex-col">
      <SkipLink />
      <header className="flex h-16 items-center justify-between gap-3 border-b border-zinc-200 bg-white px-4 sm:px-6">
        <div className="flex min-w-0 items-center gap-4">
          <Link href="/my-apps" aria-label="Roster, My apps">
            <Logo />
          </Link>
          <span className="truncate text-sm font-semibold text-zinc-900">{session.organization.name}</span>
        </div>
        <div className="flex items-center gap-2">
          {session.adminAccess ? (
            <Link href="/" className="rounded-lg px-3 py-2 text-sm font-medium text-brand-700 hover:bg-brand-50">
              Admin panel
            </Link>
          ) : null}
          <PersonMenu name={session.name} email={session.email} signOut={signOutPersonAction} />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-5xl min-w-0 flex-1 px-4 py-6 outline-none sm:px-6 sm:py-8">
        {children}
      </main>
    </div>
  );
}
