import "server-only";
import { AppError } from "../../app-error";
import { db } from "../../db";
import { countPeopleInScope } from "../../directory/assignments/scope-sources";
import { getConnector } from "../connectors/catalog";
import { recordAppChange, type AppWriteContext } from "./app-audit";

/** Adds an app from the catalog, with the connector's default field mapping. */
export async function addApp(catalogKey: string, context: AppWriteContext): Promise<{ id: string }> {
  const connector = getConnector(catalogKey);
  if (!connector) throw new AppError("invalid_input", "That app is not in the catalog.");
  return db.$transaction(async (tx) => {
    const existing = await tx.app.count({ where: { organizationId: context.organizationId, catalogKey } });
    const name = existing === 0 ? connector.name : `${connector.name} ${existing + 1}`;
    const app = await tx.app.create({
      data: {
        organizationId: context.organizationId,
        catalogKey,
        name,
        fieldMappings: {
          create: connector.defaultMapping.map((rule) =>
            "field" in rule.source ? { target: rule.target, sourceField: rule.source.field } : { target: rule.target, hardcodedValue: rule.source.value },
          ),
        },
      },
      select: { id: true, name: true },
    });
    await recordAppChange(tx, context, app, "app.added", { catalog: { from: null, to: connector.name } });
    return { id: app.id };
  });
}

/** The apps of the organization with their provisioning state and counts; never the token. */
export async function listApps(organizationId: string) {
  const apps = await db.app.findMany({
    where: { organizationId },
    orderBy: [{ createdAt: "asc" }],
    select: {
      id: true,
      name: true,
      catalogKey: true,
      state: true,
      authorizedAt: true,
      baseUrl: true,
    },
  });
  const inScope = await countPeopleInScope(
    db,
    apps.map((app) => app.id),
  );
  const accounts = await db.account.groupBy({
    by: ["appId"],
    where: { appId: { in: apps.map((app) => app.id) }, remoteId: { not: null }, state: { not: "DELETED" } },
    _count: { _all: true },
  });
  const failing = await db.account.groupBy({
    by: ["appId"],
    where: { appId: { in: apps.map((app) => app.id) }, lastError: { not: null } },
    _count: { _all: true },
  });
  const countOf = (rows: { appId: string; _count: { _all: number } }[], appId: string) => rows.find((row) => row.appId === appId)?._count._all ?? 0;
  return apps.map((app) => ({
    ...app,
    assigned: inScope.get(app.id) ?? 0,
    provisioned: countOf(accounts, app.id),
    failing: countOf(failing, app.id),
  }));
}

/** One app as its pages show it; the token only as its last four characters. */
export async function getApp(organizationId: string, appId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(appId)) return null;
  const app = await db.app.findFirst({
    where: { id: appId, organizationId },
    select: {
      id: true,
      name: true,
      catalogKey: true,
      state: true,
      baseUrl: true,
      tokenLast4: true,
      tokenExpiresAt: true,
      tokenUpdatedAt: true,
      authorizedAt: true,
      serverCapabilities: true,
      mappingSavedAt: true,
      actionsSavedAt: true,
      syncCreate: true,
      syncUpdate: true,
      syncDelete: true,
      syncActivation: true,
      pushGroups: true,
      createdAt: true,
    },
  });
  if (!app) return null;
  /** Everyone in scope: assigned directly or through a group. */
  const peopleInScope = (await countPeopleInScope(db, [app.id])).get(app.id) ?? 0;
  return { ...app, peopleInScope };
}

export type AppDetail = NonNullable<Awaited<ReturnType<typeof getApp>>>;
