import { PersonGroupsPanel } from "@/components/groups/person-groups-panel";
import { Card, CardHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/require";
import { listGroupsOfPerson } from "@/lib/directory/groups/get-group";
import { addGroupMembersAction, removeGroupMembersAction, searchGroupsAction } from "../../groups/actions";

/** The person page's "Groups" card: the groups they are in, and (with "manage users") add or remove. */
export async function PersonGroupsSection({ person }: { person: { id: string; name: string } }) {
  const session = await requirePagePermission("admin access");
  const groups = await listGroupsOfPerson(session.organization.id, person.id);
  return (
    <Card>
      <CardHeader title="Groups" description="Apps assigned to these groups reach this person." />
      <PersonGroupsPanel
        person={person}
        groups={groups}
        canManage={can(session, "manage users")}
        search={searchGroupsAction}
        add={addGroupMembersAction}
        remove={removeGroupMembersAction}
      />
    </Card>
  );
}
