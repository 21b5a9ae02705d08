import "server-only";
import { db } from "../../db";

export function countApps(organizationId: string): Promise<number> {
  return db.app.count({ where: { organizationId } });
}
