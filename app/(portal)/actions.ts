"use server";

import { redirect } from "next/navigation";
import { getRequestMeta } from "@/lib/auth/request-meta";
import { getCurrentPersonSession } from "@/lib/auth/session";
import { signOut } from "@/lib/auth/sign-out";

export async function signOutPersonAction(): Promise<void> {
  await signOut(await getCurrentPersonSession(), await getRequestMeta());
  redirect("/sign-in");
}
