"use server";

import { redirect } from "next/navigation";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getRequestMeta } from "@/lib/auth/request-meta";
import { endSession, getCurrentSession } from "@/lib/auth/session";
import { db } from "@/lib/db";

export async function signOutAction(): Promise<void> {
  const session = await getCurrentSession();
  if (session) {
    const { ip } = await getRequestMeta();
    await recordAuditEvent(db, {
      organizationId: session.organization.id,
      actor: { id: session.userId, label: session.email },
      action: "auth.signed_out",
      target: { type: "user", id: session.userId, label: session.email },
      ip,
    });
  }
  await endSession(session?.sessionId ?? null);
  redirect("/sign-in");
}
