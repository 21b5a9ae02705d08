"use server";

import { redirect } from "next/navigation";
import { getRequestMeta } from "@/lib/auth/request-meta";
import { getCurrentSession } from "@/lib/auth/session";
import { signOut } from "@/lib/auth/sign-out";

export async function signOutAction(): Promise<void> {
  await signOut(await getCurrentSession(), await getRequestMeta());
  redirect("/sign-in");
}
