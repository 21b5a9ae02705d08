import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/require";
import { changePasswordAction } from "./actions";

export const metadata: Metadata = { title: "Change password" };

export default async function ChangePasswordPage() {
  const session = await requirePagePermission("admin access");
  return (
    <>
      <PageHeader title="Change password" description={`For ${session.email}. Changing it signs you out everywhere else; you stay signed in here.`} />
      <Card className="max-w-lg p-6">
        <ChangePasswordForm action={changePasswordAction} />
      </Card>
    </>
  );
}
