import * as scimPatch from "../../scim/build-patch";
import type { PatchOperation } from "../../scim/build-patch";
import type { AttributeChanges } from "../plan/plan-operations";
import { toScimUser } from "./build-scim-user";
import { MOBILE_PHONE, PRIMARY_EMAIL, type TargetPath } from "./target-attributes";

/**
 * PATCH operations that change only the given attributes. Multi-valued
 * attributes (e-mails, phone numbers) are replaced whole: servers disagree on
 * value-filter paths, and Roster owns the one value it sends.
 */
export function patchForChanges(changes: AttributeChanges): PatchOperation[] {
  const operations: PatchOperation[] = [];
  for (const [path, change] of Object.entries(changes) as [TargetPath, { from: string | null; to: string | null }][]) {
    const to = change.to;
    if (path === PRIMARY_EMAIL || path === MOBILE_PHONE) {
      const attribute = path === PRIMARY_EMAIL ? "emails" : "phoneNumbers";
      const rendered = to === null ? undefined : (toScimUser("", { [path]: to }, true) as Record<string, unknown>)[attribute];
      operations.push(rendered === undefined ? scimPatch.remove(attribute) : scimPatch.replace(attribute, rendered));
    } else {
      operations.push(to === null ? scimPatch.remove(path) : scimPatch.replace(path, to));
    }
  }
  return operations;
}
