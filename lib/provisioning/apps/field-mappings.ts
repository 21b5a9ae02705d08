import "server-only";
import { MAPPABLE_PERSON_SELECT } from "../../directory/users/mappable-person";
import { AppError } from "../../app-error";
import { db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import { markAppScopeForReconcile } from "../../queue/mark-for-reconcile";
import type { ScimUserInput } from "../../scim/user-resource";
import { buildScimUser, type MappingRule } from "../mapping/build-scim-user";
import { DIRECTORY_FIELDS, type DirectoryField } from "../mapping/directory-fields";
import { TARGET_ATTRIBUTES, isTargetPath } from "../mapping/target-attributes";
import { describeTransformStep, transformSteps } from "../mapping/transforms";
import { getConnector } from "../connectors/catalog";
import type { Connector } from "../connectors/connector";
import type { MappingRuleInput } from "../schemas/provisioning";
import { recordAppChange, type AppWriteContext } from "./app-audit";

/** What every reader of an app's mapping selects. */
export const FIELD_MAPPING_SELECT = { target: true, sourceField: true, hardcodedValue: true, transforms: true } satisfies Prisma.FieldMappingSelect;
type StoredMappingRow = Prisma.FieldMappingGetPayload<{ select: typeof FIELD_MAPPING_SELECT }>;

/** A stored row as the editor and the rules take it; transforms were validated on save, and anything else reads as none. */
export function toMappingRow(row: StoredMappingRow): MappingRuleInput {
  const transforms = transformSteps.safeParse(row.transforms);
  return { target: row.target, sourceField: row.sourceField, hardcodedValue: row.hardcodedValue, transforms: transforms.success ? transforms.data : [] };
}

export function toMappingRules(rows: readonly MappingRuleInput[]): MappingRule[] {
  return rows.flatMap((row): MappingRule[] => {
    if (!isTargetPath(row.target)) return [];
    if (row.hardcodedValue !== null) return [{ target: row.target, source: { value: row.hardcodedValue } }];
    if (row.sourceField && Object.hasOwn(DIRECTORY_FIELDS, row.sourceField))
      return [{ target: row.target, source: { field: row.sourceField as DirectoryField, transforms: row.transforms ?? [] } }];
    return [];
  });
}

export function toMappingRows(rules: readonly MappingRule[]): MappingRuleInput[] {
  return rules.map((rule) =>
    "field" in rule.source
      ? { target: rule.target, sourceField: rule.source.field, hardcodedValue: null, transforms: [...(rule.source.transforms ?? [])] }
      : { target: rule.target, sourceField: null, hardcodedValue: rule.source.value, transforms: [] },
  );
}

/**
 * The mapping the engine applies. The Free plan sends the connector's default mapping whatever is
 * stored (a mapping customised on a paid plan stays saved, and applies again after an upgrade).
 */
export function effectiveMappingRows(app: {
  catalogKey: string;
  organization: { plan: string };
  fieldMappings: readonly StoredMappingRow[];
}): MappingRuleInput[] {
  const connector = getConnector(app.catalogKey);
  if (app.organization.plan === "FREE" && connector) return toMappingRows(connector.defaultMapping);
  return app.fieldMappings.map(toMappingRow);
}

export function effectiveMappingRules(app: Parameters<typeof effectiveMappingRows>[0]): MappingRule[] {
  return toMappingRules(effectiveMappingRows(app));
}

export async function getMappingRows(appId: string): Promise<MappingRuleInput[]> {
  const rows = await db.fieldMapping.findMany({ where: { appId }, select: FIELD_MAPPING_SELECT, orderBy: { target: "asc" } });
  return rows.map(toMappingRow);
}

function describeSource(row: MappingRuleInput | undefined): string | null {
  if (!row) return null;
  if (row.hardcodedValue !== null) return `Hardcoded: ${row.hardcodedValue}`;
  if (!row.sourceField) return null;
  const field = `Directory: ${DIRECTORY_FIELDS[row.sourceField as DirectoryField] ?? row.sourceField}`;
  return [field, ...(row.transforms ?? []).map(describeTransformStep)].join(", then ");
}

/** Plain-words problems with a proposed mapping, by target; empty when it can be saved. */
export function checkMapping(connector: Connector, rows: readonly MappingRuleInput[]): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const add = (key: string, message: string) => (problems[key] ??= []).push(message);
  const seen = new Set<string>();
  for (const row of rows) {
    if (!isTargetPath(row.target) || !connector.targets.includes(row.target)) add(row.target, `${connector.name} has no attribute called ${row.target}.`);
    if (seen.has(row.target)) add(row.target, "This attribute is mapped twice.");
    seen.add(row.target);
    if ((row.sourceField === null) === (row.hardcodedValue === null)) add(row.target, "Choose either a directory field or a hardcoded value.");
    if (row.sourceField !== null && !Object.hasOwn(DIRECTORY_FIELDS, row.sourceField)) add(row.target, "That directory field does not exist.");
    if (row.sourceField === null && (row.transforms ?? []).length > 0)
      add(row.target, "Transforms apply to a directory field's value; choose a directory field.");
  }
  for (const required of connector.requiredTargets) {
    if (!seen.has(required)) add(required, `${TARGET_ATTRIBUTES[required].label} must be mapped: ${connector.name} refuses users without it.`);
  }
  return problems;
}

/**
 * Replaces the app's mapping. On the Free plan only the default mapping can be
 * saved, and saving it keeps what is stored (the engine sends the defaults
 * anyway). Each changed attribute is recorded as directory field or value, from → to.
 */
export async function saveMapping(appId: string, rows: MappingRuleInput[], context: AppWriteContext) {
  return db.$transaction(async (tx) => {
    const app = await tx.app.findFirst({
      where: { id: appId, organizationId: context.organizationId },
      select: {
        id: true,
        name: true,
        catalogKey: true,
        state: true,
        organization: { select: { plan: true } },
        fieldMappings: { select: FIELD_MAPPING_SELECT },
      },
    });
    if (!app) throw new AppError("not_found", "This app no longer exists.");
    const connector = getConnector(app.catalogKey)!;
    const problems = checkMapping(connector, rows);
    if (Object.keys(problems).length > 0) throw new AppError("invalid_input", "Some attributes need your attention.", problems);

    const key = (row: MappingRuleInput) => JSON.stringify([row.target, row.sourceField, row.hardcodedValue, row.transforms ?? []]);
    const defaults = new Set(toMappingRows(connector.defaultMapping).map(key));
    const isDefault = rows.length === defaults.size && rows.every((row) => defaults.has(key(row)));
    if (app.organization.plan === "FREE") {
      if (!isDefault) {
        throw new AppError("forbidden", "Changing the field mapping needs the Standard or Professional plan. An Owner can change the plan in Settings.");
      }
      // Free sends the defaults whatever is stored: a mapping customised on a paid plan is kept for when it returns.
      await tx.app.update({ where: { id: appId }, data: { mappingSavedAt: new Date() } });
      return { changed: [] };
    }

    const before = new Map(app.fieldMappings.map((row) => [row.target, toMappingRow(row)]));
    const after = new Map(rows.map((row) => [row.target, row]));
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const target of new Set([...before.keys(), ...after.keys()])) {
      const from = describeSource(before.get(target));
      const to = describeSource(after.get(target));
      if (from !== to) changes[target] = { from, to };
    }

    await tx.fieldMapping.deleteMany({ where: { appId } });
    await tx.fieldMapping.createMany({ data: rows.map((row) => ({ appId, ...row, transforms: row.transforms ?? [] })) });
    await tx.app.update({ where: { id: appId }, data: { mappingSavedAt: new Date() } });
    if (Object.keys(changes).length > 0) {
      await recordAppChange(tx, context, app, "app.mapping_changed", changes);
      // What the app should hold changed for everyone it provisions: the engine diffs each person's new values
      // against what it last pushed and sends only the differences. A draft or stopped app syncs everyone when it starts.
      if (app.state === "ACTIVE") await markAppScopeForReconcile(tx, appId, "Field mapping changed");
    }
    return { changed: Object.keys(changes) };
  });
}

/** The exact SCIM user the mapping would send for one person of the directory. */
export async function previewMapping(organizationId: string, appId: string, userId: string, rows: MappingRuleInput[]): Promise<ScimUserInput> {
  const [app, person] = await Promise.all([
    db.app.findFirst({ where: { id: appId, organizationId }, select: { id: true, organization: { select: { name: true } } } }),
    db.user.findFirst({
      where: { id: userId, organizationId },
      select: MAPPABLE_PERSON_SELECT,
    }),
  ]);
  if (!app) throw new AppError("not_found", "This app no longer exists.");
  if (!person) throw new AppError("not_found", "That person is no longer in the directory.");
  return buildScimUser(person, toMappingRules(rows), { organizationName: app.organization.name });
}
