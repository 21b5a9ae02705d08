import "server-only";
import { db } from "../../db";
import { appsInScopeFor } from "../../directory/assignments/scope-sources";

/**
 * A person's standing in each app they are assigned to or still have an
 * account in: the app's state, the account as Roster last left it, and the
 * latest operation. Scoped to the organization.
 */
export async function listUserAccounts(organizationId: string, userId: string) {
  const apps = await db.app.findMany({
    where: { organizationId, OR: [appsInScopeFor(userId), { accounts: { some: { userId } } }] },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: {
      id: true,
      name: true,
      catalogKey: true,
      state: true,
      assignments: { where: { userId }, select: { createdAt: true } },
      groupAssignments: { where: { group: { members: { some: { userId } } } }, select: { groupId: true }, take: 1 },
      accounts: {
        where: { userId },
        select: { state: true, remoteId: true, remoteUserName: true, lastSyncedAt: true, lastError: true, lastErrorAt: true },
      },
    },
  });
  const latest = await Promise.all(
    apps.map((app) =>
      db.operation.findFirst({
        where: { appId: app.id, userId },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        select: { kind: true, status: true, message: true, createdAt: true },
      }),
    ),
  );
  return apps.map(({ assignments, groupAssignments, accounts, ...app }, index) => ({
    app,
    assigned: assignments.length > 0 || groupAssignments.length > 0,
    direct: assignments.length > 0,
    viaGroup: groupAssignments.length > 0,
    account: accounts[0] ?? null,
    lastOperation: latest[index],
  }));
}

export type UserAccountRow = Awaited<ReturnType<typeof listUserAccounts>>[number];
