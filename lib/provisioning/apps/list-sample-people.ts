import "server-only";
import { db } from "../../db";

/** People to preview the mapping with: the signed-in admin first, then the directory by name. */
export async function listSamplePeople(organizationId: string, adminId: string, take = 200) {
  const people = await db.user.findMany({
    where: { organizationId },
    orderBy: [{ lastName: "asc" }, { firstName: "asc" }],
    take,
    select: { id: true, firstName: true, lastName: true, email: true },
  });
  const admin =
    people.find((person) => person.id === adminId) ??
    (await db.user.findFirst({ where: { id: adminId }, select: { id: true, firstName: true, lastName: true, email: true } }));
  const ordered = admin ? [admin, ...people.filter((person) => person.id !== adminId)] : people;
  return ordered.map((person) => ({ id: person.id, label: `${person.firstName} ${person.lastName} <${person.email}>` }));
}
