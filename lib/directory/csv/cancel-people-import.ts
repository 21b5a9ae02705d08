import "server-only";
import { db } from "../../db";
import { AppError } from "../../app-error";
import type { UserWriteContext } from "../users/user-audit";

/**
 * Discards an import that has not finished: its remaining rows are never
 * imported. People an interrupted import already created stay in the directory.
 */
export async function cancelPeopleImport(importId: string, context: UserWriteContext): Promise<void> {
  const { count } = await db.directoryImport.updateMany({
    where: { id: importId, organizationId: context.organizationId, status: { in: ["PREVIEW", "IMPORTING"] } },
    data: { status: "CANCELLED", completedAt: new Date() },
  });
  if (count === 0) throw new AppError("conflict", "This import has already finished or been discarded. Reload the page to see where it stands.");
}
