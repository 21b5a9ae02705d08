import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PublicCard } from "@/components/auth/public-card";
import { SecondStepForm } from "@/components/auth/second-step-form";
import { carryReturnTo, safeReturnTo } from "@/lib/auth/return-to";
import { getPendingSignIn } from "@/lib/auth/session";
import { passSecondStepAction } from "./actions";

export const metadata: Metadata = { title: "Enter your code" };

/**
 * Public: shown only to a sign-in whose password was right and which owes a code; anyone else starts over. `next` is
 * the app's single sign-on request waiting for them (checked here, and again by the action).
 */
export default async function SecondStepPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  const returnTo = safeReturnTo(typeof next === "string" ? next : null);
  const pending = await getPendingSignIn();
  if (!pending || pending.step !== "CODE") redirect(carryReturnTo("/sign-in", returnTo));
  return (
    <PublicCard title="Enter your code">
      <p className="mb-6">
        Signing in as <span className="font-medium break-all text-zinc-900">{pending.email}</span>.
      </p>
      <SecondStepForm action={passSecondStepAction} returnTo={returnTo} />
    </PublicCard>
  );
}
