import Link from "next/link";
import type { ReactNode } from "react";
import { Logo } from "@/components/app/logo";

/** The frame of a page people see before signing in: the logo, one card, and the way to the sign-in page. */
export function PublicCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-b from-brand-50 to-zinc-50 px-4">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex justify-center">
          <Logo className="text-xl" />
        </div>
        <div className="rounded-2xl bg-white p-8 shadow-sm ring-1 ring-zinc-200">
          <h1 className="text-lg font-semibold text-zinc-900">{title}</h1>
          <div className="mt-1 text-sm text-zinc-600">{children}</div>
        </div>
        <p className="mt-6 text-center text-xs text-zinc-500">
          Have a password already?{" "}
          <Link href="/sign-in" className="font-medium text-brand-700 hover:underline">
            Sign in
          </Link>
        </p>
      </div>
    </main>
  );
}
