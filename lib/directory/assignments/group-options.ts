import "server-only";
import { db } from "../../db";

export interface AppGroupRow {
  id: string;
  name: string;
  members: number;
  /** Pushed to the app as a group (when the app pushes groups); false for a group offered in a search. */
  push: boolean;
}

/** The most assigned groups an app's Users tab lists, and the most a search offers. */
export const APP_GROUPS_SHOWN = 100;
export const GROUP_OPTIONS_SHOWN = 20;

/** The groups assigned to the app, by name, with their member counts. */
export async function listAppGroups(organizationId: string, appId: string): Promise<{ groups: AppGroupRow[]; total: number }> {
  const where = { appId, app: { organizationId }, group: { organizationId } };
  const [rows, total] = await Promise.all([
    db.groupAssignment.findMany({
      where,
      select: { push: true, group: { select: { id: true, name: true, _count: { select: { members: true } } } } },
      orderBy: { group: { nameKey: "asc" } },
      take: APP_GROUPS_SHOWN,
    }),
    db.groupAssignment.count({ where }),
  ]);
  return { groups: rows.map(({ group, push }) => ({ id: group.id, name: group.name, members: group._count.members, push })), total };
}

/** Groups whose name contains `q` (any case) and that are not assigned to the app yet, for the "Assign group" picker. */
export async function searchGroupOptions(organizationId: string, appId: string, q: string): Promise<AppGroupRow[]> {
  const needle = q.trim().toLowerCase();
  const rows = await db.group.findMany({
    where: {
      organizationId,
      assignments: { none: { appId } },
      ...(needle ? { nameKey: { contains: needle.replace(/[\\%_]/g, "\\$&") } } : {}),
    },
    select: { id: true, name: true, _count: { select: { members: true } } },
    orderBy: { nameKey: "asc" },
    take: GROUP_OPTIONS_SHOWN,
  });
  return rows.map((row) => ({ id: row.id, name: row.name, members: row._count.members, push: false }));
}
