import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PublicCard } from "@/components/auth/public-card";
import { SecondStepForm } from "@/components/auth/second-step-form";
import { getPendingSignIn } from "@/lib/auth/session";
import { passSecondStepAction } from "./actions";

export const metadata: Metadata = { title: "Enter your code" };

/** Public: shown only to a sign-in whose password was right and which owes a code; anyone else starts over. */
export default async function SecondStepPage() {
  const pending = await getPendingSignIn();
  if (!pending || pending.step !== "CODE") redirect("/sign-in");
  return (
    <PublicCard title="Enter your code">
      <p className="mb-6">
        Signing in as <span className="font-medium break-all text-zinc-900">{pending.email}</span>.
      </p>
      <SecondStepForm action={passSecondStepAction} />
    </PublicCard>
  );
}
