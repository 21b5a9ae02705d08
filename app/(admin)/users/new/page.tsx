import type { Metadata } from "next";
import { UserForm } from "@/components/users/user-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/require";
import { listDepartments } from "@/lib/directory/users/list-users";
import { createUserAction } from "../actions";

export const metadata: Metadata = { title: "Add person" };

export default async function NewUserPage() {
  const session = await requirePagePermission("manage users");
  return (
    <>
      <PageHeader title="Add a person" description="They appear in the directory at once; assign them to apps to give them accounts there." />
      <Card>
        <UserForm departments={await listDepartments(session.organization.id)} submitLabel="Add person" save={createUserAction} />
      </Card>
    </>
  );
}
