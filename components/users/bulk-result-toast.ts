import { toast } from "sonner";
import type { ActionResult } from "@/lib/actions/define-action";

export interface BulkOutcome {
  changed: number;
  skipped: { name: string; reason: string }[];
  /** Everyone left out, when `skipped` names only the first of them. */
  skippedCount?: number;
}

/** One toast that says what happened, and why anyone was left out. */
export function toastBulkResult(result: ActionResult<BulkOutcome>, verbPast: string): boolean {
  if (!result.ok) {
    // A refused filter or selection says which value was wrong; that is the useful sentence.
    toast.error(Object.values(result.fieldErrors ?? {})[0]?.[0] ?? result.message);
    return false;
  }
  const { changed, skipped } = result.data;
  const skippedCount = result.data.skippedCount ?? skipped.length;
  const people = (count: number) => `${count.toLocaleString("en-US")} ${count === 1 ? "person" : "people"}`;
  if (changed > 0) toast.success(`${verbPast} ${people(changed)}.`);
  if (skipped.length > 0) {
    const first = skipped[0]!;
    toast.warning(`Left out ${people(skippedCount)}: ${first.name}: ${first.reason}${skippedCount > 1 ? " (and others)" : ""}`);
  }
  if (changed === 0 && skipped.length === 0) toast.info("Nothing needed to change.");
  return true;
}
