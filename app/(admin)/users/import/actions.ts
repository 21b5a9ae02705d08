"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { getRequestMeta } from "@/lib/auth/request-meta";
import { cancelPeopleImport } from "@/lib/directory/csv/cancel-people-import";
import { importPeopleBatch } from "@/lib/directory/csv/import-people-batch";
import { importBatchInput, runImportBatchInput } from "@/lib/directory/csv/schemas";
import { writeContextFor } from "@/lib/directory/users/write-context";

/** Imports the next batch of a previewed file's valid rows; the browser calls it until `done`. */
export const importBatchAction = defineAction({ input: runImportBatchInput, access: "manage users" }, async ({ importId, createMissingGroups }, session) => {
  const progress = await importPeopleBatch(importId, writeContextFor(session!, (await getRequestMeta()).ip), { createMissingGroups });
  if (progress.done) revalidatePath("/users", "layout");
  return progress;
});

/** Discards a previewed or interrupted import; its remaining rows are not imported. */
export const cancelImportAction = defineAction({ input: importBatchInput, access: "manage users" }, async ({ importId }, session) => {
  await cancelPeopleImport(importId, writeContextFor(session!, (await getRequestMeta()).ip));
  revalidatePath(`/users/import/${importId}`);
  return { importId };
});
