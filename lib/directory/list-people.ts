import "server-only";
import { db } from "../db";

/** The first people of the directory by name; the full users list (search, filters, paging) builds on this. */
export async function listPeople(organizationId: string, take = 100) {
  const [people, total] = await Promise.all([
    db.user.findMany({
      where: { organizationId },
      orderBy: [{ lastName: "asc" }, { firstName: "asc" }, { id: "asc" }],
      take,
      select: { id: true, email: true, firstName: true, lastName: true, title: true, department: true, status: true, role: true },
    }),
    db.user.count({ where: { organizationId } }),
  ]);
  return { people, total };
}
