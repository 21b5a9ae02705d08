import "server-only";
import { db } from "../../db";

export function countApps(organizationId: string): Promise<number> {
  return db.app.count({ where: { organizationId } });
}

/** The organization's apps by name (apps of the same name oldest first), for menus. */
export function listAppNames(organizationId: string) {
  return db.app.findMany({ where: { organizationId }, orderBy: [{ name: "asc" }, { createdAt: "asc" }, { id: "asc" }], select: { id: true, name: true } });
}
