import type { Metadata } from "next";
import { PublicCard } from "@/components/auth/public-card";
import { SetPasswordForm } from "@/components/auth/set-password-form";
import { checkPasswordLink } from "@/lib/auth/password-links";
import { getRequestMeta } from "@/lib/auth/request-meta";
import { setPasswordByLinkAction } from "./actions";

export const metadata: Metadata = { title: "Set your password", referrer: "no-referrer", robots: { index: false } };

/** Public: the one-time link an admin sent. A used, expired or unknown link gets one plain sentence. */
export default async function SetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await checkPasswordLink(token.slice(0, 200), await getRequestMeta());
  if (link.state === "rate_limited") {
    const minutes = Math.max(1, Math.ceil(link.retryAfterSeconds / 60));
    return (
      <PublicCard title="Too many tries">
        Too many links were tried from your network. Wait {minutes} minute{minutes === 1 ? "" : "s"} and open the link again.
      </PublicCard>
    );
  }
  if (link.state === "unusable") {
    return (
      <PublicCard title="This link no longer works">This link has expired or was already used. Ask an admin of your organization for a new one.</PublicCard>
    );
  }
  return (
    <PublicCard title={link.purpose === "INVITE" ? "Welcome! Choose your password" : "Choose a new password"}>
      <p className="mb-6">
        For <span className="font-medium break-all text-zinc-900">{link.person.email}</span>. You are signed in as soon as it is set
        {link.purpose === "RESET" ? ", and signed out everywhere else" : ""}.
      </p>
      <SetPasswordForm token={token} action={setPasswordByLinkAction} />
    </PublicCard>
  );
}
