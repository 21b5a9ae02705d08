import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { UserForm } from "@/components/users/user-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import type { ActionResult } from "@/lib/actions/define-action";
import { requirePagePermission } from "@/lib/auth/require";
import type { UserInput } from "@/lib/directory/schemas/user";
import { getUserDetail } from "@/lib/directory/users/get-user";
import { listDepartments } from "@/lib/directory/users/list-users";
import { updateUserAction } from "../../actions";

export const metadata: Metadata = { title: "Edit person" };

export default async function EditUserPage({ params }: { params: Promise<{ id: string }> }) {
  const session = await requirePagePermission("manage users");
  const { id } = await params;
  const detail = /^[0-9a-f-]{36}$/i.test(id) ? await getUserDetail(session.organization.id, id) : null;
  if (!detail) notFound();
  const { user } = detail;
  const { email, firstName, lastName, displayName, employeeId, title, department, mobile, locale, timezone, status } = user;
  const initial = { email, firstName, lastName, displayName, employeeId, title, department, mobile, locale, timezone, status };

  async function save(values: UserInput): Promise<ActionResult<{ id: string }>> {
    "use server";
    const result = await updateUserAction({ id, values });
    return result.ok ? { ok: true, data: { id } } : result;
  }

  return (
    <>
      <PageHeader title={`Edit ${user.firstName} ${user.lastName}`} description="Changes to mapped fields reach the apps this person is assigned to." />
      <Card>
        <UserForm initial={initial} departments={await listDepartments(session.organization.id)} submitLabel="Save changes" save={save} />
      </Card>
    </>
  );
}
