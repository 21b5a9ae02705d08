import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { requireSession } from "@/lib/auth/require";
import { listPeople } from "@/lib/directory/list-people";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const session = await requireSession();
  const { people, total } = await listPeople(session.organization.id);
  return (
    <>
      <PageHeader title="Users" description={`${total.toLocaleString("en-US")} people in your directory.`} />
      <Card>
        <Table>
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Department</Th>
              <Th>Status</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {people.map((person) => (
              <tr key={person.id}>
                <Td>
                  <div className="font-medium text-zinc-900">
                    {person.firstName} {person.lastName}
                    {person.role && person.role !== "MEMBER" ? (
                      <span className="ml-2">
                        <Badge tone="brand">{ROLE_LABELS[person.role]}</Badge>
                      </span>
                    ) : null}
                  </div>
                  <div className="text-xs text-zinc-500">{person.email}</div>
                </Td>
                <Td>
                  <div>{person.department ?? "—"}</div>
                  <div className="text-xs text-zinc-500">{person.title}</div>
                </Td>
                <Td>
                  <Badge tone={person.status === "ACTIVE" ? "success" : "neutral"}>
                    {person.status === "ACTIVE" ? "Active" : "Deactivated"}
                  </Badge>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </Card>
    </>
  );
}
