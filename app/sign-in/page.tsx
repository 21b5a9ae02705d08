import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Logo } from "@/components/app/logo";
import { MY_APPS_PATH } from "@/lib/auth/require";
import { safeReturnTo } from "@/lib/auth/return-to";
import { getCurrentPersonSession } from "@/lib/auth/session";
import { signInAction } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  // An app's single sign-on request waiting for this person: back there once they are signed in.
  const { next } = await searchParams;
  const returnTo = safeReturnTo(typeof next === "string" ? next : null);
  const session = await getCurrentPersonSession();
  // Signed in with an app waiting: the form itself continues there (a full navigation). No redirect from here: the
  // sign-in action re-renders this page, and a redirect would send the app's one-time request a second time.
  if (session && !returnTo) redirect(session.adminAccess ? "/" : MY_APPS_PATH);
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-b from-brand-50 to-zinc-50 px-4">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex justify-center">
          <Logo className="text-xl" />
        </div>
        <div className="rounded-2xl bg-white p-8 shadow-sm ring-1 ring-zinc-200">
          <h1 className="text-lg font-semibold text-zinc-900">Sign in to Roster</h1>
          <p className="mt-1 mb-6 text-sm text-zinc-500">Open the apps your organization gives you, or manage its people and apps.</p>
          {session && returnTo ? (
            <p className="text-sm text-zinc-700">
              You are signed in.{" "}
              <a href={returnTo} className="font-medium text-brand-700 underline">
                Continue to the app
              </a>
            </p>
          ) : (
            <SignInForm action={signInAction} returnTo={returnTo} />
          )}
        </div>
        <p className="mt-6 text-center text-xs text-zinc-500">Forgot your password? Ask an Owner of your organization for a reset link.</p>
      </div>
    </main>
  );
}
