import "server-only";
import { AppError } from "../app-error";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { recordAppChange, type AppWriteContext } from "../provisioning/apps/app-audit";
import { samlAttributeInput, samlSettingsInput, type NameIdSource, type SamlAttributeInput, type SamlSettingsInput } from "./schemas";

export const SAML_SETTINGS_SELECT = {
  enabled: true,
  spEntityId: true,
  acsUrl: true,
  nameIdFormat: true,
  nameIdSource: true,
  attributes: true,
} satisfies Prisma.SamlAppSettingsSelect;
type StoredSettings = Prisma.SamlAppSettingsGetPayload<{ select: typeof SAML_SETTINGS_SELECT }>;

export type SamlSettings = Omit<SamlSettingsInput, "attributes" | "nameIdSource"> & { nameIdSource: NameIdSource; attributes: SamlAttributeInput[] };

/** A stored row as the services read it; attributes were validated on save, and anything unreadable reads as none. */
export function toSamlSettings(row: StoredSettings): SamlSettings {
  const attributes = Array.isArray(row.attributes)
    ? row.attributes.flatMap((value) => {
        const parsed = samlAttributeInput.safeParse(value);
        return parsed.success ? [parsed.data] : [];
      })
    : [];
  return { ...row, nameIdSource: row.nameIdSource as NameIdSource, attributes };
}

/** The app's SAML settings, or null when single sign-on was never set up for it. */
export async function getSamlSettings(organizationId: string, appId: string): Promise<SamlSettings | null> {
  const row = await db.samlAppSettings.findFirst({ where: { appId, app: { organizationId } }, select: SAML_SETTINGS_SELECT });
  return row ? toSamlSettings(row) : null;
}

/**
 * Saves the app's SAML settings (creating them the first time), with an audit event of what changed in the
 * same transaction. Input that does not pass `samlSettingsInput` is refused with its problems by field.
 */
export async function saveSamlSettings(appId: string, input: unknown, context: AppWriteContext): Promise<SamlSettings> {
  const parsed = samlSettingsInput.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "form"] ??= []).push(issue.message);
    throw new AppError("invalid_input", "Some single sign-on settings need your attention.", fieldErrors);
  }
  const settings = parsed.data;
  return db.$transaction(async (tx) => {
    const app = await tx.app.findFirst({
      where: { id: appId, organizationId: context.organizationId },
      select: { id: true, name: true, samlSettings: { select: SAML_SETTINGS_SELECT } },
    });
    if (!app) throw new AppError("not_found", "This app no longer exists.");
    const data = { ...settings, attributes: settings.attributes as unknown as Prisma.InputJsonValue };
    const saved = await tx.samlAppSettings.upsert({ where: { appId }, create: { appId, ...data }, update: data, select: SAML_SETTINGS_SELECT });

    const before: Partial<Record<string, unknown>> = app.samlSettings ? describe(toSamlSettings(app.samlSettings)) : {};
    const after = describe(toSamlSettings(saved));
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of Object.keys(after)) {
      if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key])) changes[key] = { from: before[key] ?? null, to: after[key] };
    }
    if (Object.keys(changes).length > 0) await recordAppChange(tx, context, app, "app.saml_configured", changes);
    return toSamlSettings(saved);
  });
}

function describe(settings: SamlSettings): Record<string, unknown> {
  return {
    enabled: settings.enabled ? "on" : "off",
    spEntityId: settings.spEntityId,
    acsUrl: settings.acsUrl,
    nameIdFormat: settings.nameIdFormat,
    nameIdSource: settings.nameIdSource,
    attributes: settings.attributes.map((attribute) => attribute.name).join(", "),
  };
}
