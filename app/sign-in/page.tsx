import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Logo } from "@/components/app/logo";
import { MY_APPS_PATH } from "@/lib/auth/require";
import { getCurrentPersonSession } from "@/lib/auth/session";
import { signInAction } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage() {
  const session = await getCurrentPersonSession();
  if (session) redirect(session.adminAccess ? "/" : MY_APPS_PATH);
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-b from-brand-50 to-zinc-50 px-4">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex justify-center">
          <Logo className="text-xl" />
        </div>
        <div className="rounded-2xl bg-white p-8 shadow-sm ring-1 ring-zinc-200">
          <h1 className="text-lg font-semibold text-zinc-900">Sign in to Roster</h1>
          <p className="mt-1 mb-6 text-sm text-zinc-500">Open the apps your organization gives you, or manage its people and apps.</p>
          <SignInForm action={signInAction} />
        </div>
        <p className="mt-6 text-center text-xs text-zinc-500">Forgot your password? Ask an Owner of your organization for a reset link.</p>
      </div>
    </main>
  );
}
