import "server-only";
import { AppError } from "../../app-error";
import { db, type Tx } from "../../db";
import { countPeopleInScope } from "../../directory/assignments/scope-sources";
import { getConnector } from "../connectors/catalog";
import { normaliseEndpoint } from "../schemas/app-lifecycle";
import { recordAppChange, type AppWriteContext } from "./app-audit";

/** Adds an app from the catalog under the name the admin chose, with the connector's default field mapping. */
export async function addApp(catalogKey: string, context: AppWriteContext, chosenName?: string): Promise<{ id: string }> {
  const connector = getConnector(catalogKey);
  if (!connector) throw new AppError("invalid_input", "That app is not in the catalog.");
  return db.$transaction(async (tx) => {
    const name = chosenName ?? suggestAppName(connector.name, await appNamesOf(tx, context.organizationId));
    await assertNameFree(tx, context.organizationId, name);
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

/** Renames an app; its accounts, log and settings stay as they are (nothing is sent to the app). */
export async function renameApp(appId: string, name: string, context: AppWriteContext): Promise<{ changed: boolean }> {
  return db.$transaction(async (tx) => {
    const app = await tx.app.findFirst({ where: { id: appId, organizationId: context.organizationId }, select: { id: true, name: true } });
    if (!app) throw new AppError("not_found", "This app no longer exists.");
    if (app.name === name) return { changed: false };
    await assertNameFree(tx, context.organizationId, name, appId);
    await tx.app.update({ where: { id: appId }, data: { name } });
    await recordAppChange(tx, context, { id: app.id, name }, "app.renamed", { name: { from: app.name, to: name } });
    return { changed: true };
  });
}

async function appNamesOf(client: Tx, organizationId: string): Promise<string[]> {
  const apps = await client.app.findMany({ where: { organizationId }, select: { name: true } });
  return apps.map((app) => app.name);
}

/** The name the Add dialog starts with: the catalog name, then "Atlassian 2", "Atlassian 3"… whichever is free. */
export function suggestAppName(catalogName: string, taken: readonly string[]): string {
  const used = new Set(taken.map((name) => name.toLocaleLowerCase("en-US")));
  if (!used.has(catalogName.toLocaleLowerCase("en-US"))) return catalogName;
  for (let n = 2; ; n++) if (!used.has(`${catalogName} ${n}`.toLocaleLowerCase("en-US"))) return `${catalogName} ${n}`;
}

/** The suggested name for each catalog entry, for the Applications page's Add dialogs. */
export async function suggestAppNames(organizationId: string, catalog: readonly { key: string; name: string }[]): Promise<Record<string, string>> {
  const taken = await appNamesOf(db, organizationId);
  return Object.fromEntries(catalog.map((entry) => [entry.key, suggestAppName(entry.name, taken)]));
}

/** App names are unique in an organization, whatever their case, so the log and the lists never show two alike. */
async function assertNameFree(client: Tx, organizationId: string, name: string, exceptAppId?: string): Promise<void> {
  const holder = await client.app.findFirst({
    where: { organizationId, name: { equals: name, mode: "insensitive" }, ...(exceptAppId ? { id: { not: exceptAppId } } : {}) },
    select: { name: true },
  });
  if (holder) {
    throw new AppError("conflict", "Choose another name.", {
      name: [`Another app is already called “${holder.name}”. Choose a name that tells them apart, such as “${name} (staging)”.`],
    });
  }
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

/** The Sync endpoints of the organization's other apps, normalised, so Configure can warn before two apps share one. */
export async function otherAppEndpoints(organizationId: string, appId: string): Promise<{ name: string; endpoint: string }[]> {
  const apps = await db.app.findMany({
    where: { organizationId, id: { not: appId }, baseUrl: { not: null } },
    orderBy: { createdAt: "asc" },
    select: { name: true, baseUrl: true },
  });
  return apps.flatMap((app) => {
    const endpoint = normaliseEndpoint(app.baseUrl!);
    return endpoint ? [{ name: app.name, endpoint }] : [];
  });
}
